// vatkernel console: keeps the page live (kernel state, halt banner, activity) and sends the
// operator's actions to the REST API with the session's CSRF token. Text from the server is only
// ever set as textContent, never parsed as HTML.
'use strict';

(function () {
  const POLL_MILLIS = 1000;

  // Polls chain one after another; an action asks for the next one sooner, since what it did
  // (a message that reaches a dead worker, say) shows on the kernel within moments.
  let pollTimer = null;
  let soon = false;

  function schedule(millis) {
    clearTimeout(pollTimer);
    pollTimer = setTimeout(refresh, millis);
  }

  function refreshSoon() {
    soon = true;
    schedule(200);
  }

  function meta(name) {
    const el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute('content') : null;
  }

  function setLive(name, value) {
    document.querySelectorAll('[data-live="' + name + '"]').forEach(function (el) {
      el.textContent = value == null ? '' : String(value);
    });
  }

  // ---- live state -------------------------------------------------------------------------

  function showHalt(halt) {
    const banner = document.getElementById('halt-banner');
    if (!banner) {
      return;
    }
    if (!halt) {
      banner.hidden = true;
      return;
    }
    setLive('halt-sentence', halt.sentence);
    setLive('halt-stderr', halt.stderrTail);
    setLive('halt-message', halt.message);
    document.querySelectorAll('[data-live-show="halt-stderr"]').forEach(function (el) {
      el.hidden = !halt.stderrTail;
    });
    banner.hidden = false;
  }

  function showState(state) {
    document.querySelectorAll('.top [data-live="state"]').forEach(function (el) {
      el.className = 'state state-' + state;
    });
    setLive('state', state);
  }

  function drawChart(seconds) {
    const canvas = document.getElementById('activity-chart');
    if (!canvas || !canvas.getContext) {
      return;
    }
    const ctx = canvas.getContext('2d');
    const w = canvas.width;
    const h = canvas.height;
    const pad = 28;
    ctx.clearRect(0, 0, w, h);
    let max = 1;
    seconds.forEach(function (s) { max = Math.max(max, s.cranks, s.deliveries); });
    ctx.strokeStyle = '#c8ccd2';
    ctx.fillStyle = '#4a5260';
    ctx.font = '12px sans-serif';
    ctx.beginPath();
    ctx.moveTo(pad, 4);
    ctx.lineTo(pad, h - pad);
    ctx.lineTo(w - 4, h - pad);
    ctx.stroke();
    ctx.fillText(String(max), 2, 14);
    ctx.fillText('0', 2, h - pad);
    ctx.fillText('-' + seconds.length + ' s', pad, h - 8);
    ctx.fillText('now', w - 30, h - 8);
    function line(key, color) {
      ctx.strokeStyle = color;
      ctx.lineWidth = 2;
      ctx.beginPath();
      seconds.forEach(function (s, i) {
        const x = pad + (w - pad - 4) * i / Math.max(1, seconds.length - 1);
        const y = (h - pad) - (h - pad - 6) * s[key] / max;
        if (i === 0) { ctx.moveTo(x, y); } else { ctx.lineTo(x, y); }
      });
      ctx.stroke();
    }
    line('cranks', '#1f6feb');
    line('deliveries', '#d97706');
  }

  function showComputrons(bars) {
    const list = document.getElementById('computron-bars');
    if (!list) {
      return;
    }
    const items = bars.bars.map(function (bar) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = '/console/vats/' + encodeURIComponent(bar.vatId);
      a.textContent = bar.name + ' (' + bar.vatId + ')';
      const progress = document.createElement('progress');
      progress.max = 100;
      progress.value = bar.percent;
      progress.textContent = bar.percent + '%';
      const num = document.createElement('span');
      num.className = 'num';
      num.textContent = bar.computrons.toLocaleString('en-US');
      li.append(a, ' ', progress, ' ', num);
      return li;
    });
    list.replaceChildren.apply(list, items);
    const empty = document.getElementById('computrons-empty');
    if (empty) {
      empty.hidden = bars.bars.length > 0;
    }
  }

  function refresh() {
    fetch('/console/activity', { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) {
        if (response.status === 401 || response.redirected) {
          setLive('state', 'signed out');
          return null;
        }
        return response.ok ? response.json() : null;
      })
      .then(function (a) {
        if (!a) {
          return;
        }
        const s = a.status;
        showState(s.state);
        showHalt(a.halt);
        setLive('crank', s.crankNumber);
        setLive('activity-hash', s.activityHash);
        setLive('activity-hash-crank', s.activityHashCrankNumber);
        setLive('run-queue', s.runQueueLength);
        setLive('acceptance-queue', s.acceptanceQueueLength);
        setLive('reap-queue', s.reapQueueLength);
        setLive('workers', s.workersOnline);
        setLive('workers-max', s.maxWorkersOnline);
        setLive('objects', s.kernelObjects);
        setLive('promises', s.kernelPromises);
        setLive('clist', s.clistEntries);
        setLive('gc', s.pendingGcActions);
        setLive('cranks-per-second', a.cranksPerSecond.toFixed(1));
        setLive('deliveries-per-second', a.deliveriesPerSecond.toFixed(1));
        drawChart(a.seconds);
        showComputrons(a.computrons);
      })
      .catch(function () { /* the next poll tries again */ })
      .finally(function () {
        const again = soon;
        soon = false;
        schedule(again ? 200 : POLL_MILLIS);
      });
  }

  // ---- actions ----------------------------------------------------------------------------

  function problemText(status, body) {
    if (body && (body.title || body.detail)) {
      return (body.title || 'Refused') + ': ' + (body.detail || '') + ' (' + status + ')';
    }
    if (status === 401) {
      return 'You are signed out; sign in again.';
    }
    if (status === 403) {
      return 'Refused: you may not do this (403).';
    }
    return 'Refused by the server (' + status + ').';
  }

  function report(form, text, ok) {
    const out = form.querySelector('output.result');
    if (out) {
      out.textContent = text;
      out.className = 'result ' + (ok ? 'ok' : 'problem');
    }
  }

  function parseJsonField(form, name, kind) {
    const field = form.elements[name];
    const text = field.value.trim() === '' ? (kind === 'array' ? '[]' : '{}') : field.value;
    let value;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw new Error(field.labels[0].textContent + ' is not JSON: ' + e.message);
    }
    const isArray = Array.isArray(value);
    if (kind === 'array' && !isArray) {
      throw new Error(field.labels[0].textContent + ' must be a JSON array, such as ["a", 1]');
    }
    if (kind === 'object' && (isArray || value === null || typeof value !== 'object')) {
      throw new Error(field.labels[0].textContent + ' must be a JSON object, such as {"name": "x"}');
    }
    return value;
  }

  function body(form) {
    switch (form.dataset.body) {
      case 'none':
        return Promise.resolve(null);
      case 'message':
        return Promise.resolve(JSON.stringify({
          method: form.elements.method.value,
          args: parseJsonField(form, 'args', 'array')
        }));
      case 'terminate':
        return Promise.resolve(JSON.stringify({ reason: form.elements.reason.value }));
      case 'create-vat': {
        const request = {
          bundleId: form.elements.bundleId.value,
          parameters: parseJsonField(form, 'parameters', 'object')
        };
        if (form.elements.name.value.trim() !== '') {
          request.name = form.elements.name.value.trim();
        }
        return Promise.resolve(JSON.stringify(request));
      }
      case 'file':
        return form.elements.file.files[0].text();
      default:
        return Promise.reject(new Error('unknown form'));
    }
  }

  function confirmed(form) {
    const question = form.dataset.confirm;
    const dialog = document.getElementById('confirm-dialog');
    if (!question) {
      return Promise.resolve(true);
    }
    if (!dialog || !dialog.showModal) {
      return Promise.resolve(window.confirm(question));
    }
    document.getElementById('confirm-text').textContent = question;
    return new Promise(function (resolve) {
      dialog.addEventListener('close', function () { resolve(dialog.returnValue === 'confirm'); }, { once: true });
      dialog.returnValue = '';
      dialog.showModal();
    });
  }

  function follow(form, kpid) {
    report(form, 'Sent; result promise ' + kpid + ' is unresolved…', true);
    const out = form.querySelector('output.result');
    let tries = 0;
    function poll() {
      fetch('/api/promises/' + encodeURIComponent(kpid), { credentials: 'same-origin' })
        .then(function (r) { return r.json().then(function (b) { return { r: r, b: b }; }); })
        .then(function (x) {
          if (!x.r.ok) {
            report(form, problemText(x.r.status, x.b), false);
            return;
          }
          const p = x.b;
          if (p.state === 'unresolved') {
            tries++;
            setTimeout(poll, tries < 20 ? 250 : 1000);
            return;
          }
          let value;
          if (p.state === 'rejected' && p.errorMessage != null) {
            value = 'Error: ' + p.errorMessage;
          } else if (p.value !== undefined && p.value !== null) {
            value = JSON.stringify(p.value);
          } else if (p.resolution) {
            value = p.resolution.body + (p.resolution.slots.length ? ' ' + JSON.stringify(p.resolution.slots) : '');
          } else {
            value = 'null';
          }
          report(form, 'Result promise ' + kpid + ' ' + p.state + ': ' + value, p.state === 'fulfilled');
          out.dataset.state = p.state;
          const link = document.createElement('a');
          link.href = '/console/promises/' + encodeURIComponent(kpid);
          link.textContent = ' (promise page)';
          out.append(link);
        })
        .catch(function () { setTimeout(poll, 1000); });
    }
    poll();
  }

  function submit(event) {
    const form = event.target;
    if (!form.dataset || !form.dataset.api) {
      return;
    }
    event.preventDefault();
    if (!form.reportValidity()) {
      return;
    }
    let payload;
    try {
      payload = body(form);
    } catch (e) {
      report(form, e.message, false);
      return;
    }
    confirmed(form).then(function (yes) {
      if (!yes) {
        report(form, 'Cancelled.', false);
        return;
      }
      payload.then(function (json) {
        const headers = { Accept: 'application/json' };
        const header = meta('csrf-header');
        if (header) {
          headers[header] = meta('csrf-token');
        }
        if (json !== null) {
          headers['Content-Type'] = 'application/json';
        }
        report(form, 'Sending…', true);
        return fetch(form.dataset.api, { method: 'POST', headers: headers, body: json, credentials: 'same-origin' });
      }).then(function (response) {
        if (!response) {
          return;
        }
        return response.text().then(function (text) {
          let b = null;
          try { b = text ? JSON.parse(text) : null; } catch (e) { b = null; }
          if (!response.ok) {
            report(form, problemText(response.status, b), false);
            return;
          }
          refreshSoon();
          if (form.dataset.follow && b && b[form.dataset.follow]) {
            follow(form, b[form.dataset.follow]);
          } else if (form.dataset.goto && b && b[form.dataset.goto]) {
            window.location.href = '/console/vats/' + encodeURIComponent(b[form.dataset.goto]);
          } else if (form.dataset.reload) {
            report(form, 'Done.', true);
            setTimeout(function () { window.location.reload(); }, 300);
          } else {
            report(form, 'Done' + (b && b.state ? ': the kernel is ' + b.state : '') + '.', true);
          }
        });
      }).catch(function (e) {
        report(form, e.message || 'The request failed.', false);
      });
    });
  }

  document.addEventListener('submit', submit);
  if (document.querySelector('meta[name="csrf-token"]') && document.querySelector('.top')) {
    schedule(0);
  }
})();
