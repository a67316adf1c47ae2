// cchc: the little behaviour the CSP (script-src 'self') leaves to us.
// Load after htmx, both with `defer`.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  if (window.htmx) {
    // Inline styles, eval and inline scripts are blocked by the CSP anyway;
    // saying so up front avoids console violations. app.css holds the
    // indicator rules htmx would otherwise inject.
    htmx.config.includeIndicatorStyles = false;
    htmx.config.allowEval = false;
    htmx.config.allowScriptTags = false;
    // Don't keep page snapshots in localStorage on shared office computers.
    htmx.config.historyCacheSize = 0;
    // A form refused (422) or overtaken by another edit (409) comes back
    // with its message and what was typed: show it like a success.
    htmx.config.responseHandling = [
      { code: "204", swap: false },
      { code: "[23]..", swap: true },
      { code: "409|422", swap: true, error: false },
      { code: "[45]..", swap: false, error: true }
    ];
    // After a swap, move focus to what the answer wants read first (the
    // "saved" or error message), so that it is announced and seen.
    // Each is focused once.
    document.addEventListener("htmx:afterSettle", function () {
      var el = document.querySelector("[data-focus]");
      if (el) {
        el.removeAttribute("data-focus");
        el.focus();
      }
    });

    document.addEventListener("htmx:configRequest", function (e) {
      var meta = document.querySelector('meta[name="csrf-token"]');
      if (meta && meta.content) e.detail.headers["X-CSRF-Token"] = meta.content;
    });
  }

  // <form data-confirm="Xoá nhiệm vụ này?"> or a button/link with data-confirm.
  // Capture phase, so a refusal also stops htmx's own listeners.
  function confirmed(e, el) {
    if (!el || window.confirm(el.getAttribute("data-confirm"))) return;
    e.preventDefault();
    e.stopImmediatePropagation();
  }
  document.addEventListener("click", function (e) {
    var el = e.target.closest && e.target.closest("[data-confirm]");
    if (el && el.tagName !== "FORM") confirmed(e, el);
  }, true);
  document.addEventListener("submit", function (e) {
    if (e.target.hasAttribute("data-confirm")) confirmed(e, e.target);
  }, true);

  // The navigation menu on phones: the toggle opens and closes it.
  document.addEventListener("click", function (e) {
    var btn = e.target.closest && e.target.closest(".nav-toggle");
    if (!btn) return;
    var bar = btn.closest(".topbar");
    var open = bar.classList.toggle("nav-open");
    btn.setAttribute("aria-expanded", open ? "true" : "false");
  });

  // <input type="checkbox" data-tick-all="task">: ticks or unticks every
  // checkbox named "task" of its form.
  document.addEventListener("change", function (e) {
    var name = e.target.getAttribute && e.target.getAttribute("data-tick-all");
    if (!name || !e.target.form) return;
    e.target.form.querySelectorAll('input[type="checkbox"][name="' + name + '"]').forEach(function (box) {
      box.checked = e.target.checked;
    });
  });

  // <form data-autosubmit> (or a single field with data-autosubmit): submit
  // on change, e.g. the "as of" date picker. requestSubmit fires the submit
  // event, so htmx-enhanced forms stay on htmx.
  document.addEventListener("change", function (e) {
    var el = e.target.closest && e.target.closest("[data-autosubmit]");
    var form = el && (el.tagName === "FORM" ? el : e.target.form);
    if (!form) return;
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
  });
})();
