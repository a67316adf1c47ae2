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
