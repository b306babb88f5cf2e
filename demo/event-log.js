// The demo's «Hendelser» panel: listens on `document` for the library's
// events and shows the last few. Everything from an event's detail is put
// on the page with textContent, never as HTML.

const EVENT_TYPES = [
  'innovasjon-note-add',
  'innovasjon-note-change',
  'innovasjon-note-remove',
  'innovasjon-step-change',
  'innovasjon-error',
];
const MAX_ENTRIES = 6;

const list = document.getElementById('hendelser-liste');
const emptyMessage = document.getElementById('hendelser-tom-melding');
const clearButton = document.getElementById('hendelser-tom');
const timeFormat = new Intl.DateTimeFormat('nb-NO', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** A short, plain-text description of what the event is about. */
function describe(event) {
  const detail = event.detail ?? {};
  switch (event.type) {
    case 'innovasjon-note-add':
    case 'innovasjon-note-remove':
      return noteText(detail.note);
    case 'innovasjon-note-change': {
      const before = detail.previous;
      const after = detail.note;
      if (before && after && before.text !== after.text) return `${quote(before.text)} → ${quote(after.text)}`;
      if (before && after && before.color !== after.color) {
        return `${noteText(after)} (farge: ${colorName(before.color)} → ${colorName(after.color)})`;
      }
      return noteText(after);
    }
    case 'innovasjon-step-change':
      return `${stepName(detail.previous)} → ${stepName(detail.step)}`;
    case 'innovasjon-error':
      return `${detail.code ?? 'ukjent feil'}: ${detail.message ?? ''}`;
    default:
      return '';
  }
}

function noteText(note) {
  if (!note) return '';
  const author = note.author ? ` – ${note.author}` : '';
  return `${quote(note.text)}${author}`;
}

function quote(text) {
  const value = String(text ?? '');
  return `«${value.length > 120 ? `${value.slice(0, 120)}…` : value}»`;
}

const COLOR_NAMES = { yellow: 'gul', pink: 'rosa', blue: 'blå', green: 'grønn', orange: 'oransje' };

function colorName(color) {
  return Object.hasOwn(COLOR_NAMES, color) ? COLOR_NAMES[color] : String(color);
}

function stepName(step) {
  return step === 0 ? 'Introduksjon' : `Trinn ${step}`;
}

function addEntry(event) {
  if (!list) return;
  const now = new Date();
  const item = document.createElement('li');
  if (event.type === 'innovasjon-error') item.classList.add('event-error');

  const time = document.createElement('time');
  time.className = 'event-time';
  time.dateTime = now.toISOString();
  time.textContent = timeFormat.format(now);

  const type = document.createElement('span');
  type.className = 'event-type';
  type.textContent = event.type;

  const text = document.createElement('span');
  text.className = 'event-text';
  text.textContent = describe(event);

  item.append(time, type, text);
  list.prepend(item);
  while (list.children.length > MAX_ENTRIES) list.lastElementChild?.remove();
  update();
}

function update() {
  if (emptyMessage) emptyMessage.hidden = Boolean(list?.children.length);
  if (clearButton) clearButton.hidden = !list?.children.length;
}

for (const type of EVENT_TYPES) document.addEventListener(type, addEntry);

clearButton?.addEventListener('click', () => {
  list?.replaceChildren();
  update();
  document.getElementById('hendelser-tittel')?.focus();
});

update();
