// After a passkey is made (django-otp-webauthn's register script): go on to the page
// the official asked for, or show the updated list (the page's "next" field says which).
document.addEventListener("otp_webauthn.register_complete", () => {
  const next = document.querySelector("input[name='next']");
  window.location.assign(next ? next.value : window.location.href);
});
