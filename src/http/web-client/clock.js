// @ts-check
import { requestJson } from './api.js';
import { h, isRecord } from './dom.js';

const DAY_MS = 86_400_000;

/**
 * Local mode's clock: where it stands, and a control to move it forward by whole days, so that
 * the reminders and the deadline of an order can be watched without waiting days.
 * @param {{ token: string, onMoved: () => void }} options
 */
export function createClockControl({ token, onMoved }) {
  const shown = h('output', { class: 'clock-now', 'aria-live': 'polite' }, '…');
  const days = h('input', {
    id: 'clock-days',
    type: 'number',
    min: 1,
    max: 366,
    value: 1,
    inputmode: 'numeric',
    class: 'clock-days',
  });
  const problem = h('span', { class: 'problem', role: 'status' });

  /** @param {unknown} body */
  function show(body) {
    if (!isRecord(body) || typeof body.now !== 'string') return;
    const ahead = typeof body.offsetMs === 'number' ? body.offsetMs / DAY_MS : 0;
    const when = new Date(body.now).toLocaleString();
    shown.textContent = ahead > 0 ? `${when} (+${Math.round(ahead * 10) / 10} d)` : when;
  }

  const form = h(
    'form',
    { class: 'clock', 'aria-label': 'Clock (local mode)' },
    h('span', { class: 'subtle' }, 'Clock'),
    shown,
    h('label', { for: 'clock-days' }, 'Move forward by days'),
    days,
    h('button', { type: 'submit' }, 'Move forward'),
    problem,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    problem.textContent = '';
    const body = { days: Number(days.value) };
    requestJson('/local/clock', { method: 'POST', token, body }).then(
      (answer) => {
        show(answer);
        onMoved();
      },
      (error) => {
        problem.textContent = `Not moved: ${error instanceof Error ? error.message : String(error)}`;
      },
    );
  });
  requestJson('/local/clock', { token }).then(show, () => {
    shown.textContent = 'unavailable';
  });
  return form;
}
