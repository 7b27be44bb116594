// The console's only script besides htmx, uPlot and Chart.js. Kept in a file: Qute would read an inline script's braces.
(function () {
  'use strict';

  // Every request htmx makes carries the page's CSRF token; the server refuses a change without it.
  document.addEventListener('htmx:configRequest', function (event) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) {
      event.detail.headers['X-CSRF-Token'] = meta.content;
    }
  });

  // A refusal (4xx) or a fault (5xx) is shown in the flash area, where a screen reader announces it.
  document.addEventListener('DOMContentLoaded', function () {
    if (window.htmx) {
      htmx.config.responseHandling = [
        {code: '204', swap: false},
        {code: '[23]..', swap: true},
        {code: '[45]..', swap: true, error: false, target: '#flash'}
      ];
    }
  });
  document.addEventListener('htmx:beforeRequest', function (event) {
    var flash = document.getElementById('flash');
    // The queue's own refresh must not wipe a message the agent has not read yet.
    if (flash && event.detail.requestConfig && event.detail.requestConfig.verb !== 'get') {
      flash.textContent = '';
    }
  });

  // Times are shown in the agent's time zone: tell the server once which one the browser is in.
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var hadCookie = document.cookie.split('; ').some(function (c) { return c.indexOf('petwatch-tz=') === 0; });
  if (zone && !hadCookie) {
    document.cookie = 'petwatch-tz=' + encodeURIComponent(zone) + '; path=/console; SameSite=Strict';
    if (document.body && document.body.dataset.zone && document.body.dataset.zone !== zone) {
      location.reload();
    }
  }
})();
