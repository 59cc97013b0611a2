// Sextant dashboard: polls the service's API and redraws. No framework; charts by Apache ECharts.
'use strict';

(function () {
  const params = new URLSearchParams(location.search);
  const intervalMs = Math.max(250, Number(params.get('interval')) || 2000);
  const state = { since: -1, decisions: [], timer: null };
  const $ = (id) => document.getElementById(id);
  const equityChart = echarts.init($('equity-chart'));
  window.sextantDashboard = { equityChart: equityChart, refreshes: 0, lastError: '' };

  equityChart.setOption({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { data: ['Equity', 'Drawdown'] },
    grid: [{ left: 70, right: 30, top: 30, height: '52%' }, { left: 70, right: 30, top: '72%', height: '18%' }],
    xAxis: [{ type: 'time', gridIndex: 0 }, { type: 'time', gridIndex: 1 }],
    yAxis: [{ type: 'value', scale: true, gridIndex: 0, name: 'equity' },
            { type: 'value', gridIndex: 1, name: 'drawdown', axisLabel: { formatter: (v) => (v * 100).toFixed(2) + '%' } }],
    series: [
      { name: 'Equity', type: 'line', showSymbol: false, xAxisIndex: 0, yAxisIndex: 0, data: [] },
      { name: 'Drawdown', type: 'line', showSymbol: false, xAxisIndex: 1, yAxisIndex: 1, areaStyle: {}, data: [] }
    ]
  });
  window.addEventListener('resize', () => equityChart.resize());

  function headers() {
    const h = { 'Accept': 'application/json' };
    const token = sessionStorage.getItem('sextant.token');
    if (token) {
      h['Authorization'] = 'Bearer ' + token;
    }
    return h;
  }

  // Resolves to {status, body}; the body is parsed JSON, or {error} when the answer is not JSON.
  async function call(method, path, body) {
    const init = { method: method, headers: headers(), cache: 'no-store' };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch(path, init);
    let parsed;
    try {
      parsed = await response.json();
    } catch (e) {
      parsed = { error: response.statusText };
    }
    return { status: response.status, body: parsed };
  }

  function text(node, value) {
    node.textContent = value === null || value === undefined ? '' : String(value);
  }

  function number(v, digits) {
    return v === null || v === undefined ? '-' : Number(v).toLocaleString('en-US', { maximumFractionDigits: digits });
  }

  function row(tbody, cells, numeric) {
    const tr = document.createElement('tr');
    cells.forEach((c, i) => {
      const td = document.createElement('td');
      text(td, c);
      if (numeric && numeric.includes(i)) {
        td.className = 'num';
      }
      tr.appendChild(td);
    });
    tbody.appendChild(tr);
    return tr;
  }

  function clear(tbody) {
    while (tbody.firstChild) {
      tbody.removeChild(tbody.firstChild);
    }
  }

  function showError(message) {
    window.sextantDashboard.lastError = message;
    $('error').hidden = !message;
    text($('error'), message);
  }

  function renderEquity(body) {
    const eq = body.points.map((p) => [p.time, p.equity]);
    const dd = body.points.map((p) => [p.time, -p.drawdown]);
    equityChart.setOption({ series: [{ data: eq }, { data: dd }] });
  }

  function renderRisk(body) {
    const tbody = $('risk-table').tBodies[0];
    clear(tbody);
    row(tbody, ['Equity', number(body.equity, 2)], [1]);
    row(tbody, ['Daily P&L', number(body.daily_pnl, 2)], [1]);
    row(tbody, ['Drawdown', number(body.drawdown * 100, 2) + ' %'], [1]);
    row(tbody, ['Gross exposure', number(body.gross_exposure, 2)], [1]);
    row(tbody, ['Value at risk (1 day)', number(body.value_at_risk, 2)], [1]);
    row(tbody, ['Working orders', body.working_orders], [1]);
    const limits = $('limits-table').tBodies[0];
    clear(limits);
    body.limits.forEach((l) => {
      const tr = row(limits, [l.name, number(l.used, 4), number(l.limit, 4), number(l.headroom, 4)], [1, 2, 3]);
      if (l.limit !== null && l.headroom !== null && l.headroom < 0.2 * Math.abs(l.limit)) {
        tr.className = 'low';
      }
    });
  }

  function renderPositions(body) {
    const tbody = $('positions-table').tBodies[0];
    clear(tbody);
    body.positions.forEach((p) => row(tbody, [p.symbol, number(p.quantity, 8), number(p.value, 2)], [1, 2]));
    if (body.positions.length === 0) {
      row(tbody, ['flat', '', '']);
    }
    text($('account'), 'cash ' + number(body.cash, 2) + ', equity ' + number(body.equity, 2) + ', '
        + body.open_orders.length + ' working orders, ' + body.fills + ' fills');
  }

  function renderKillSwitch(body) {
    const s = $('kill-state');
    text(s, body.tripped ? 'TRIPPED' : 'armed');
    s.className = body.tripped ? 'tripped' : 'armed';
    text($('kill-detail'), body.tripped ? body.trigger + ' - ' + body.detail + ' (since ' + body.since + ')' : '');
  }

  function renderModels(body) {
    text($('champion'), body.champion);
    text($('model'), 'model ' + body.champion);
    text($('challengers'), body.challengers.length ? body.challengers.join(', ') : 'none');
    const ul = $('drift-alerts');
    while (ul.firstChild) {
      ul.removeChild(ul.firstChild);
    }
    body.drift_alerts.forEach((a) => {
      const li = document.createElement('li');
      li.className = 'low';
      text(li, 'drift: ' + a);
      ul.appendChild(li);
    });
  }

  function renderDecisions(body) {
    state.decisions = state.decisions.concat(body.decisions).slice(-100);
    state.since = body.next;
    const tbody = $('decisions-table').tBodies[0];
    clear(tbody);
    state.decisions.slice().reverse().forEach((d) => {
      const reasons = d.reasons.length ? d.reasons.join(', ') + (d.explanation ? ': ' + d.explanation : '') : d.explanation;
      row(tbody, [d.time, d.symbol, d.outcome, d.direction, d.confidence === null ? '' : number(d.confidence, 3), reasons], [4]);
    });
  }

  async function refresh() {
    try {
      const [models, equity, risk, positions, kill, decisions] = await Promise.all([
        call('GET', '/api/v1/models'), call('GET', '/api/v1/equity'), call('GET', '/api/v1/risk'),
        call('GET', '/api/v1/positions'), call('GET', '/api/v1/kill-switch'),
        call('GET', '/api/v1/decisions?since=' + state.since + '&limit=100')]);
      if (models.status === 401) {
        showError('Enter a bearer token to see the session.');
        return;
      }
      if (models.status === 200) {
        renderModels(models.body);
      }
      if (equity.status === 404) {
        showError('No trading session is attached to this service.');
      } else {
        showError('');
      }
      if (equity.status === 200) {
        renderEquity(equity.body);
      }
      if (risk.status === 200) {
        renderRisk(risk.body);
      }
      if (positions.status === 200) {
        renderPositions(positions.body);
      }
      if (kill.status === 200) {
        renderKillSwitch(kill.body);
      }
      if (decisions.status === 200) {
        renderDecisions(decisions.body);
      }
      text($('updated'), 'updated ' + new Date().toISOString().substring(11, 19) + ' UTC');
      window.sextantDashboard.refreshes++;
    } catch (e) {
      showError('Cannot reach the service: ' + e.message);
    }
  }

  async function killSwitch(action) {
    const reason = $('kill-reason').value.trim() || (action === 'trip' ? 'tripped from the dashboard' : 'rearmed from the dashboard');
    const result = await call('POST', '/api/v1/kill-switch', { action: action, reason: reason });
    if (result.status === 200) {
      renderKillSwitch(result.body);
      text($('kill-result'), action === 'trip' ? 'Kill switch tripped.' : 'Kill switch re-armed.');
    } else {
      text($('kill-result'), 'Refused (' + result.status + '): ' + result.body.error);
    }
  }

  $('kill-trip').addEventListener('click', () => killSwitch('trip'));
  $('kill-rearm').addEventListener('click', () => killSwitch('rearm'));
  $('token-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const token = $('token').value.trim();
    if (token) {
      sessionStorage.setItem('sextant.token', token);
    } else {
      sessionStorage.removeItem('sextant.token');
    }
    $('token').value = '';
    state.since = -1;
    state.decisions = [];
    refresh();
  });

  refresh();
  state.timer = setInterval(refresh, intervalMs);
})();
