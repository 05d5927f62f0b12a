// "In trang": show the print button only where it can work, and print on click.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
// Lazy images below the fold would print as empty boxes: load them all first.
window.addEventListener("beforeprint", function () {
  document.querySelectorAll('img[loading="lazy"]').forEach(function (img) { img.loading = "eager"; });
});
