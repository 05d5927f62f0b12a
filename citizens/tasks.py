from celery import shared_task


@shared_task
def erase_personal_data():
    """Beat runs this hourly: names and contacts past their portal's retention go."""
    from .retention import erase_expired

    return erase_expired()
