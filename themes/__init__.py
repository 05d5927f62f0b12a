"""Per-portal looks: a registry of built-in themes (each a folder of templates and
static files that override only what differs from the default), the settings each
portal's moderators edit, and the template loader that looks in a portal's theme
first."""
