// Small enhancements; every page works without them.
(function () {
  "use strict";

  // "In trang": show the print button only where it can work, and print on click.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.removeAttribute("data-js-only");
    button.addEventListener("click", function () { window.print(); });
  });
  // Lazy images below the fold would print as empty boxes: load them all first.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll('img[loading="lazy"]').forEach(function (img) { img.loading = "eager"; });
  });

  // Text size A- A A+, remembered on this device, as a factor of the theme's own size
  // (the high-contrast theme starts larger): the default leaves the page untouched, so
  // nothing moves when this script runs.
  var FACTORS = [0.875, 1, 1.125, 1.25, 1.5];
  var KEY = "portal-text-size";
  var root = document.documentElement;
  var base = parseFloat(getComputedStyle(root).fontSize);
  function applySize(index) {
    root.style.fontSize = index === 1 ? "" : base * FACTORS[index] + "px";
    document.querySelectorAll("[data-text-size]").forEach(function (button) {
      var step = button.getAttribute("data-text-size");
      button.setAttribute("aria-pressed", String(step === "0" && index === 1));
    });
  }
  var current = 1;
  try { current = Math.min(FACTORS.length - 1, Math.max(0, parseInt(localStorage.getItem(KEY) || "1", 10))); } catch (e) {}
  applySize(current);
  document.querySelectorAll(".text-size").forEach(function (group) {
    group.removeAttribute("data-js-only");
    group.addEventListener("click", function (event) {
      var button = event.target.closest("[data-text-size]");
      if (!button) { return; }
      var step = parseInt(button.getAttribute("data-text-size"), 10);
      current = step === 0 ? 1 : Math.min(FACTORS.length - 1, Math.max(0, current + step));
      applySize(current);
      try { localStorage.setItem(KEY, String(current)); } catch (e) {}
    });
  });

  // Province-wide alerts: a reader may hide one (remembered on this device); without
  // JavaScript it simply stays, as it must.
  var HIDDEN = "portal-hidden-alerts";
  var hidden = [];
  try { hidden = JSON.parse(localStorage.getItem(HIDDEN) || "[]"); } catch (e) {}
  document.querySelectorAll("[data-alert]").forEach(function (alert) {
    var id = alert.getAttribute("data-alert");
    if (hidden.indexOf(id) !== -1) { alert.hidden = true; return; }
    var button = alert.querySelector("[data-alert-dismiss]");
    button.hidden = false;
    button.addEventListener("click", function () {
      alert.hidden = true;
      hidden.push(id);
      try { localStorage.setItem(HIDDEN, JSON.stringify(hidden.slice(-20))); } catch (e) {}
    });
  });

  // Videos: the provider's player (a third-party site) loads only when asked for.
  document.querySelectorAll(".video[data-player]").forEach(function (figure) {
    var link = figure.querySelector(".video-link");
    var frame = figure.querySelector("iframe");
    link.addEventListener("click", function (event) {
      event.preventDefault();
      frame.src = figure.getAttribute("data-player");
      frame.hidden = false;
      link.hidden = true;
      frame.focus();
    });
  });

  // «Thông tin này có hữu ích không?»: answer without leaving the page; without
  // JavaScript the form posts and a short thank-you page links back.
  document.querySelectorAll("form.usefulness").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.fetch || !event.submitter) { return; }
      event.preventDefault();
      var data = new FormData(form);
      data.append(event.submitter.name, event.submitter.value);
      var status = form.querySelector("[role=status]");
      fetch(form.action, { method: "POST", body: data, headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (reply) {
          form.querySelectorAll("button").forEach(function (button) { button.hidden = true; });
          status.textContent = reply.message;
        })
        .catch(function () { form.submit(); });
    });
  });
})();
