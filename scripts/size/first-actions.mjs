// What a person does first on a step with notes, done through the UI with
// puppeteer: add a note, edit it, change its colour, vote on one. npm run size
// counts every script these steps make the page fetch.
//
// Controls are found by role and accessible name in Chromium's accessibility
// tree (it reaches into shadow roots), the way a screen reader finds them. The
// note's UI is being redesigned: each step tries the new design first (one
// actions menu button, aria-haspopup="menu", with Rediger, the colours as
// menuitemradio, Flytt, Slett, Stem; a visible Stem button with
// votes-per-person) and falls back to today's buttons and colour select. A
// missing control throws with the controls that are there; nothing is skipped.

const STEP_TIMEOUT = 10_000;

/**
 * Adds a note to the first card, edits its text, changes its colour to pink
 * and votes on `voteOn` (a seeded note's id). `host` is the
 * `<innovasjon-guide>` or `<innovasjon-trinn>`; its `data` is read only to
 * check that each step took effect. Returns what was done, and by which control.
 */
export async function performFirstActions(page, host, { voteOn }) {
  const done = [];
  const text = 'Kortere ventetid';
  const edited = 'Kortere ventetid for brukerne';

  await clickControl(page, host, { role: 'button', name: /^\W*Legg til lapp\s*$/ }, 'the add-note button');
  await waitForTextField(page, 'the new note');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  const noteId = await waitForNote(page, host, { text }, `a note with the text "${text}"`);
  done.push('added a note ("Legg til lapp", typed, Enter)');
  const note = await lappOf(host, noteId);

  if (await chooseFromNoteMenu(page, note, { role: 'menuitem', name: /^Rediger\b/ }, 'Rediger')) {
    done.push('edited it (actions menu, Rediger)');
  } else {
    await clickControl(page, note, { role: 'button', name: /^Rediger\b/ }, 'the note\'s edit button');
    done.push('edited it (Rediger button)');
  }
  await waitForTextField(page, 'the note being edited');
  await page.keyboard.down('Control');
  await page.keyboard.press('KeyA');
  await page.keyboard.up('Control');
  await page.keyboard.type(edited);
  await page.keyboard.press('Enter');
  await waitForNote(page, host, { id: noteId, text: edited }, `the note's text changed to "${edited}"`);

  if (await chooseFromNoteMenu(page, note, { role: 'menuitemradio', name: /^rosa$/i }, 'rosa')) {
    done.push('made it pink (actions menu, rosa)');
  } else {
    // Today's UI: a native select. Picking an option from its popup is not scriptable in headless Chromium;
    // select() sets the value and fires input and change, as picking it does.
    const select = await findControl(page, note, { role: 'combobox', name: /^Farge$/ }, 'the note\'s colour select');
    await select.select('pink');
    done.push('made it pink (colour select)');
  }
  await waitForNote(page, host, { id: noteId, color: 'pink' }, 'the note turned pink');

  const voted = await lappOf(host, voteOn);
  const votesBefore = await host.evaluate((element, id) => element.data.notes.find((each) => each.id === id)?.votes.length, voteOn);
  const voteButton = await findControl(page, voted, { role: ['button', 'togglebutton'], name: /^Stem\b/ }, null);
  if (voteButton) {
    await voteButton.click();
    done.push('voted on another note (Stem button)');
  } else if (await chooseFromNoteMenu(page, voted, { role: ['menuitem', 'menuitemcheckbox'], name: /^Stem\b/ }, 'Stem')) {
    done.push('voted on another note (actions menu, Stem)');
  } else {
    await findControl(page, voted, { role: 'button', name: /^Stem\b/ }, 'the vote button (neither a Stem button nor a Stem menu item)');
  }
  await waitForNote(page, host, { id: voteOn, votes: votesBefore + 1 }, 'one more vote on the note');
  return done;
}

/** Opens the note's actions menu and picks an item; false when the note has no menu button (today's UI). */
async function chooseFromNoteMenu(page, note, item, label) {
  const menuButton = await findControl(page, note, { role: 'button', haspopup: 'menu' }, null);
  if (!menuButton) return false;
  await menuButton.click();
  // The menu may be rendered inside the note or in a popover beside it.
  const choice =
    (await waitForControl(page, note, item, null)) ?? (await findControl(page, null, item, `"${label}" in the note's actions menu`));
  await choice.click();
  return true;
}

async function clickControl(page, scope, query, what) {
  const control = await waitForControl(page, scope, query, what);
  await control.click();
}

/** Waits for a control to appear (it may come with a chunk being fetched). */
async function waitForControl(page, scope, query, what) {
  const deadline = Date.now() + STEP_TIMEOUT;
  for (;;) {
    const found = await findControl(page, scope, query, Date.now() < deadline ? null : what);
    if (found || Date.now() >= deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const matches = (value, wanted) =>
  wanted === undefined || (wanted instanceof RegExp ? wanted.test(value ?? '') : [wanted].flat().includes(value));

/**
 * The first node under `scope` (an element handle, or null for the page) with the role, name and
 * haspopup asked for. Not found: null when `what` is null, else an error naming what is there.
 */
export async function findControl(page, scope, { role, name, haspopup }, what) {
  // An element that is not in the accessibility tree itself (an inline host without a role) cannot be
  // the snapshot's root: then the page is searched, keeping what lies inside `scope` (through shadow roots).
  const scoped = scope ? await page.accessibility.snapshot({ root: scope, interestingOnly: false }) : null;
  const tree = scoped ?? (await page.accessibility.snapshot({ interestingOnly: false }));
  const seen = [];
  const candidates = [];
  const walk = (node) => {
    if (!node) return;
    if (node.role && !['none', 'generic', 'StaticText', 'InlineTextBox'].includes(node.role)) {
      seen.push(`${node.role} "${node.name ?? ''}"${node.haspopup ? ` (haspopup ${node.haspopup})` : ''}`);
    }
    if (matches(node.role, role) && matches(node.name, name) && matches(node.haspopup, haspopup) && !node.disabled) {
      candidates.push(node);
    }
    for (const child of node.children ?? []) walk(child);
  };
  walk(tree);
  for (const node of candidates) {
    const handle = await node.elementHandle();
    if (handle && (scoped || !scope || (await handle.evaluate(isInside, scope)))) return handle;
  }
  if (what === null) return null;
  throw new Error(
    `size: first actions: ${what} is missing: no ${[role].flat().join('/')}${name ? ` named ${name}` : ''}${
      haspopup ? ` with aria-haspopup=${haspopup}` : ''
    }. What is there${scoped || !scope ? '' : ' (on the whole page)'}: ${seen.slice(0, 60).join(', ') || 'nothing'}. ` +
      'Update performFirstActions in scripts/size/first-actions.mjs if the UI changed.',
  );
}

/** Whether `node` lies inside `scope`, crossing shadow roots (runs in the page). */
function isInside(node, scope) {
  for (let at = node; at; at = at.parentNode ?? at.host) if (at === scope) return true;
  return false;
}

/** Waits until keyboard focus is in a text field (through shadow roots). */
async function waitForTextField(page, what) {
  await page
    .waitForFunction(
      () => {
        let active = document.activeElement;
        while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
        return active?.matches('textarea, input[type="text"], [contenteditable]') ?? false;
      },
      { timeout: STEP_TIMEOUT },
    )
    .catch(() => {
      throw new Error(`size: first actions: no text field got focus for ${what}.`);
    });
}

/** Waits until the host's document has a note with every field of `wanted` (`votes`: their count); returns its id. */
async function waitForNote(page, host, wanted, what) {
  const handle = await page
    .waitForFunction(
      (element, fields) =>
        element.data.notes.find((note) =>
          Object.entries(fields).every(([key, value]) => (key === 'votes' ? note.votes.length : note[key]) === value),
        )?.id,
      { timeout: STEP_TIMEOUT },
      host,
      wanted,
    )
    .catch(() => {
      throw new Error(`size: first actions: waited in vain for ${what}.`);
    });
  return handle.jsonValue();
}

async function lappOf(host, id) {
  const lapp = await host.$(`>>> refleksjon-lapp[data-id="${id}"]`);
  if (!lapp) throw new Error(`size: first actions: no <refleksjon-lapp data-id="${id}"> on the page.`);
  return lapp;
}
