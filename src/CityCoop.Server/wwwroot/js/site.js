// Progressive enhancement only: every form works without this file.
(function () {
  'use strict';

  // Item lists: add and remove rows.
  document.querySelectorAll('.item-list').forEach(function (list) {
    var ol = list.querySelector('ol');
    function wire(li) {
      var btn = li.querySelector('.remove-item');
      if (btn) {
        btn.addEventListener('click', function () {
          if (ol.children.length > 1) { li.remove(); } else { li.querySelector('input').value = ''; }
        });
      }
    }
    Array.prototype.forEach.call(ol.children, wire);
    var add = list.querySelector('.add-item');
    if (add) {
      add.addEventListener('click', function () {
        var template = ol.lastElementChild;
        var li = template.cloneNode(true);
        var input = li.querySelector('input');
        var n = ol.children.length;
        input.value = '';
        input.id = list.dataset.list + '-' + n + '-' + Date.now();
        li.querySelector('label').setAttribute('for', input.id);
        ol.appendChild(li);
        wire(li);
        input.focus();
      });
    }
  });

  // Activity forms: show the fields of the chosen kind; compute the days (inclusive).
  document.querySelectorAll('.activity-form').forEach(function (form) {
    var select = form.querySelector('.kind-select');
    function show() {
      var kind = select ? select.value : 'on-site-consultation';
      form.querySelectorAll('.kind-fields').forEach(function (el) {
        var kinds = (el.dataset.kind || '').split(' ');
        el.hidden = kinds.indexOf(kind) < 0;
      });
    }
    if (select) { select.addEventListener('change', show); }
    show();
    var start = form.querySelector('.start'), end = form.querySelector('.end'), out = form.querySelector('.days');
    function days() {
      if (!start.value) { out.textContent = '–'; return; }
      var a = Date.parse(start.value), b = Date.parse(end.value || start.value);
      var d = Math.round((b - a) / 86400000) + 1;
      out.textContent = d > 0 ? String(d) : '–';
    }
    start.addEventListener('change', days);
    end.addEventListener('change', days);
    start.addEventListener('input', days);
    end.addEventListener('input', days);
    // A form re-rendered after a refusal comes back filled in.
    days();
  });

  // A refused action re-renders its form from the POST; take the handler out of the address so that reloading
  // shows the proposal instead of offering to send the form again, and bring the reason into view.
  var refused = document.querySelector('details.action[open] [data-testid=refused]');
  if (/[?&]handler=/.test(window.location.search) && window.history.replaceState) {
    window.history.replaceState(null, '', window.location.pathname);
  }
  if (refused && refused.scrollIntoView) { refused.scrollIntoView({ block: 'center' }); }

  if (window.mermaid) {
    window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default' });
    window.mermaid.run({ querySelector: 'pre.mermaid' }).then(function () {
      document.documentElement.dataset.diagram = 'rendered';
    }).catch(function () {
      document.documentElement.dataset.diagram = 'failed';
    });
  }
})();

// The decision record's print button.
document.querySelectorAll('[data-print]').forEach(function (button) {
  button.addEventListener('click', function () { window.print(); });
});
