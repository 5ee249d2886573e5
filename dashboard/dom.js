/* global Node, CSS */
// A few lines instead of a framework: build elements from tags, props and children.
// Text always goes through text nodes, so nothing from the API is ever parsed as HTML.

/**
 * h('button', { class: 'x', onclick: fn, 'aria-label': 'y' }, 'text', child)
 * Props starting with "on" become listeners; `dataset` and `style` objects are merged;
 * `false`, `null` and `undefined` props and children are skipped.
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  if (props) {
    for (const [key, value] of Object.entries(props)) {
      if (value === false || value === null || value === undefined) continue;
      if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
      else if (key === 'dataset') Object.assign(el.dataset, value);
      else if (key === 'style' && typeof value === 'object') Object.assign(el.style, value);
      else if (key === 'value' || key === 'checked' || key === 'selected') el[key] = value;
      else el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === false || child === null || child === undefined) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

/**
 * Replaces the children of `el`, keeping what the user was doing: the element that had the
 * focus (matched by its data-key) gets it back, and <details> that were open stay open.
 */
export function replace(el, ...children) {
  const active = document.activeElement;
  const focusKey = active && el.contains(active) ? active.getAttribute('data-key') : null;
  const open = new Set([...el.querySelectorAll('details[open][data-key]')].map((d) => d.dataset.key));
  el.replaceChildren();
  append(el, children);
  for (const details of el.querySelectorAll('details[data-key]')) {
    if (open.has(details.dataset.key)) details.open = true;
  }
  if (focusKey) {
    const again = el.querySelector(`[data-key="${CSS.escape(focusKey)}"]`);
    if (again) again.focus({ preventScroll: true });
  }
}

/** A labelled form control; `control` is an input/select/textarea element. */
export function field(label, control, hint) {
  const id = control.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  control.id = id;
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    control,
    hint ? h('small', { class: 'hint' }, hint) : null,
  );
}

export function select(name, options, value) {
  return h(
    'select',
    { name },
    options.map((option) => {
      const [val, text] = Array.isArray(option) ? option : [option, option];
      return h('option', { value: val, selected: val === value }, text);
    }),
  );
}

/**
 * A <details> whose body is built only when it is first opened: lists of calls and messages
 * can be long, and most entries are never opened.
 */
export function lazyDetails(props, summary, buildBody) {
  const details = h('details', props, summary);
  let built = false;
  details.addEventListener('toggle', () => {
    if (details.open && !built) {
      built = true;
      details.append(buildBody());
    }
  });
  return details;
}
