import { expect } from '@open-wc/testing';
import { DEFAULT_STORAGE_KEY, LocalStorageAdapter } from '../../src/storage/local-storage-adapter.js';
import { StorageError, type StorageErrorCode } from '../../src/storage/storage-adapter.js';
import { createDocument } from '../../src/store/document.js';
import { DOCUMENT_VERSION, type GuideDocument } from '../../src/store/types.js';
import { thrownBy, uniqueKey } from '../helpers.js';
import { makeNote, T0 } from '../fixtures/notes.js';

const sampleDocument = () =>
  createDocument({
    notes: [makeNote('a', { text: 'Første', color: 'blue', author: 'Kari', votes: ['p1'] }), makeNote('b')],
    participants: [{ id: 'p1', name: 'Kari' }],
    deleted: [{ id: 'old', deletedAt: T0 }],
  });

/** A Storage stand-in whose failures a test can choose. */
class FakeStorage {
  readonly data = new Map<string, string>();
  /** Returns the error setItem should throw for `key`, if any. */
  failSetItem?: (key: string) => Error | undefined;
  failGetItem?: Error;
  get length() {
    return this.data.size;
  }
  key(index: number) {
    return [...this.data.keys()][index] ?? null;
  }
  getItem(key: string) {
    if (this.failGetItem) throw this.failGetItem;
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    const error = this.failSetItem?.(key);
    if (error) throw error;
    this.data.set(key, String(value));
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
  clear() {
    this.data.clear();
  }
  asStorage = () => this as unknown as Storage;
}

const isBackupKey = (key: string) => key.includes(':backup:');

function expectStorageError(error: unknown, code: StorageErrorCode): StorageError {
  expect(error, String(error)).to.be.instanceOf(StorageError);
  expect((error as StorageError).code).to.equal(code);
  expect((error as StorageError).name).to.equal('StorageError');
  return error as StorageError;
}

describe('LocalStorageAdapter', () => {
  const used: string[] = [];
  /** A fresh localStorage key, removed (with its backups) after the test. */
  const freshKey = () => {
    const key = uniqueKey();
    used.push(key);
    return key;
  };

  afterEach(() => {
    for (const key of used.splice(0)) {
      for (const stored of Object.keys(localStorage)) {
        if (stored === key || stored.startsWith(`${key}:backup:`)) localStorage.removeItem(stored);
      }
    }
  });

  it('uses the default key when given none', () => {
    expect(new LocalStorageAdapter().key).to.equal(DEFAULT_STORAGE_KEY);
  });

  it('reads back what it saved, as a clean frozen document', () => {
    const key = freshKey();
    const adapter = new LocalStorageAdapter(key);
    const saved = sampleDocument();
    adapter.save(saved);

    expect(JSON.parse(localStorage.getItem(key)!)).to.deep.equal(saved);
    const loaded = new LocalStorageAdapter(key).load();
    expect(loaded).to.deep.equal(saved);
    expect(loaded).to.not.equal(saved);
    expect(Object.isFrozen(loaded)).to.be.true;
    expect(Object.isFrozen(loaded!.notes[0])).to.be.true;

    const updated = createDocument({ notes: [makeNote('c')] });
    adapter.save(updated);
    expect(adapter.load()).to.deep.equal(updated);
  });

  it('loads null when nothing is stored under the key', () => {
    const key = freshKey();
    expect(new LocalStorageAdapter(key).load()).to.equal(null);
    expect(localStorage.getItem(key)).to.equal(null);
  });

  it('drops unknown fields of a stored document it can read', () => {
    const key = freshKey();
    localStorage.setItem(key, JSON.stringify({ ...sampleDocument(), future: 'field' }));
    const loaded = new LocalStorageAdapter(key).load();
    expect(loaded).to.deep.equal(sampleDocument());
  });

  it('reads a version-1 document and hands it over upgraded', () => {
    const key = freshKey();
    const { votes: _votes, ...v1Note } = makeNote('a', { text: 'gammel' });
    localStorage.setItem(key, JSON.stringify({ format: 'innovasjon-guide', version: 1, notes: [v1Note] }));
    const loaded = new LocalStorageAdapter(key).load()!;
    expect(loaded.version).to.equal(DOCUMENT_VERSION);
    expect(loaded.notes).to.deep.equal([makeNote('a', { text: 'gammel' })]);
  });

  describe('with unreadable stored text', () => {
    const unreadable: [string, () => string, RegExp][] = [
      ['corrupt JSON', () => '{"format":"innovasjon-guide","version":1,"notes":[', /not valid JSON/],
      ['a document of another format', () => JSON.stringify({ format: 'noe-annet', version: 1, notes: [] }), /format/],
      [
        'a newer version',
        () => JSON.stringify({ ...createDocument(), version: DOCUMENT_VERSION + 1, more: [] }),
        /newer/,
      ],
      ['a note that does not validate', () => JSON.stringify({ format: 'innovasjon-guide', version: 1, notes: [{ id: 1 }] }), /notes\[0\]\.id/],
    ];

    for (const [what, rawText, reason] of unreadable) {
      it(`throws 'storage-corrupt' for ${what}, leaves the text and copies it to a backup key`, () => {
        const key = freshKey();
        const raw = rawText();
        localStorage.setItem(key, raw);
        const adapter = new LocalStorageAdapter(key);

        const error = expectStorageError(thrownBy(() => adapter.load()), 'storage-corrupt');
        expect(error.message).to.match(reason);
        expect(localStorage.getItem(key)).to.equal(raw);
        expect(adapter.backupKey).to.be.a('string');
        expect(adapter.backupKey!.startsWith(`${key}:backup:`)).to.be.true;
        expect(localStorage.getItem(adapter.backupKey!)).to.equal(raw);
        expect(error.message).to.contain(adapter.backupKey!);
      });
    }

    it('saves over the text once it is backed up, and the backup stays', () => {
      const key = freshKey();
      const raw = 'not json at all';
      localStorage.setItem(key, raw);
      const adapter = new LocalStorageAdapter(key);
      expectStorageError(thrownBy(() => adapter.load()), 'storage-corrupt');
      adapter.save(sampleDocument());
      expect(adapter.load()).to.deep.equal(sampleDocument());
      expect(localStorage.getItem(adapter.backupKey!)).to.equal(raw);
    });

    it('refuses to save over the text while the backup cannot be written, and leaves it untouched', () => {
      const storage = new FakeStorage();
      const raw = '{"format":"innovasjon-guide","version":7}';
      storage.data.set('guide', raw);
      storage.failSetItem = (key) => (isBackupKey(key) ? new DOMException('full', 'QuotaExceededError') : undefined);
      const adapter = new LocalStorageAdapter('guide', storage.asStorage);

      const loadError = expectStorageError(thrownBy(() => adapter.load()), 'storage-corrupt');
      expect(loadError.message).to.match(/untouched/);
      expect(adapter.backupKey).to.equal(undefined);

      const saveError = expectStorageError(thrownBy(() => adapter.save(sampleDocument())), 'storage-corrupt');
      expect(saveError.message).to.contain('guide');
      expectStorageError(thrownBy(() => adapter.save(sampleDocument())), 'storage-corrupt');
      expect(storage.data.get('guide')).to.equal(raw);
      expect([...storage.data.keys()]).to.deep.equal(['guide']);
    });

    it('backs the text up and saves once the backup can be written again', () => {
      const storage = new FakeStorage();
      const raw = 'garbage';
      storage.data.set('guide', raw);
      storage.failSetItem = (key) => (isBackupKey(key) ? new Error('no backups today') : undefined);
      const adapter = new LocalStorageAdapter('guide', storage.asStorage);
      expectStorageError(thrownBy(() => adapter.load()), 'storage-corrupt');
      expectStorageError(thrownBy(() => adapter.save(sampleDocument())), 'storage-corrupt');

      storage.failSetItem = undefined;
      adapter.save(sampleDocument());
      expect(JSON.parse(storage.data.get('guide')!)).to.deep.equal(sampleDocument());
      expect(adapter.backupKey!.startsWith('guide:backup:')).to.be.true;
      expect(storage.data.get(adapter.backupKey!)).to.equal(raw);
    });

    it('saves when someone else has replaced the unreadable text meanwhile', () => {
      const storage = new FakeStorage();
      storage.data.set('guide', 'garbage');
      storage.failSetItem = (key) => (isBackupKey(key) ? new Error('no backups') : undefined);
      const adapter = new LocalStorageAdapter('guide', storage.asStorage);
      expectStorageError(thrownBy(() => adapter.load()), 'storage-corrupt');

      storage.data.set('guide', JSON.stringify(createDocument({ notes: [makeNote('z')] })));
      adapter.save(sampleDocument());
      expect(JSON.parse(storage.data.get('guide')!)).to.deep.equal(sampleDocument());
    });
  });

  describe('readChanged', () => {
    it('answers null until someone else writes under the key, then their document', () => {
      const key = freshKey();
      const adapter = new LocalStorageAdapter(key);
      expect(adapter.load()).to.equal(null);
      expect(adapter.readChanged()).to.equal(null);
      adapter.save(sampleDocument());
      expect(adapter.readChanged()).to.equal(null);

      const theirs = createDocument({ notes: [makeNote('t', { text: 'annen fane' })] });
      localStorage.setItem(key, JSON.stringify({ ...theirs, extra: 1 }));
      expect(adapter.readChanged()).to.deep.equal(theirs);
      // Once read, it is known.
      expect(adapter.readChanged()).to.equal(null);
      localStorage.removeItem(key);
      expect(adapter.readChanged()).to.equal(null);
    });

    it('knows a version another tab announced through a storage event', () => {
      const key = freshKey();
      const adapter = new LocalStorageAdapter(key);
      adapter.load();
      const unsubscribe = adapter.subscribe(() => {});
      try {
        const raw = JSON.stringify(sampleDocument());
        localStorage.setItem(key, raw);
        window.dispatchEvent(new StorageEvent('storage', { key, newValue: raw }));
        expect(adapter.readChanged()).to.equal(null);
      } finally {
        unsubscribe();
      }
    });

    it("throws 'storage-corrupt' for unreadable text written meanwhile, and backs it up", () => {
      const key = freshKey();
      const adapter = new LocalStorageAdapter(key);
      adapter.save(sampleDocument());
      localStorage.setItem(key, '{"half');
      expectStorageError(thrownBy(() => adapter.readChanged()), 'storage-corrupt');
      expect(localStorage.getItem(adapter.backupKey!)).to.equal('{"half');
    });
  });

  it('backs up the same unreadable text only once', () => {
    const storage = new FakeStorage();
    storage.data.set('guide', 'garbage');
    const adapter = new LocalStorageAdapter('guide', storage.asStorage);
    expectStorageError(thrownBy(() => adapter.load()), 'storage-corrupt');
    expectStorageError(thrownBy(() => adapter.load()), 'storage-corrupt');
    expect([...storage.data.keys()].filter(isBackupKey)).to.have.length(1);
    storage.data.set('guide', 'other garbage');
    expectStorageError(thrownBy(() => adapter.load()), 'storage-corrupt');
    expect([...storage.data.values()].filter((value) => value === 'other garbage')).to.have.length(2);
  });

  // BUG: the backup key is `${key}:backup:${new Date().toISOString()}`, so two different unreadable
  // texts backed up within the same millisecond (say, readChanged and load, or two adapters on one
  // key) get the same backup key, and the second backup silently overwrites the first — the very
  // text the adapter promises never to lose. Date is pinned here to make the collision certain.
  it('never overwrites an earlier backup, even within the same millisecond', () => {
    const storage = new FakeStorage();
    const adapter = new LocalStorageAdapter('guide', storage.asStorage);
    const toISOString = Object.getOwnPropertyDescriptor(Date.prototype, 'toISOString')!;
    Object.defineProperty(Date.prototype, 'toISOString', { ...toISOString, value: () => '2024-01-01T10:00:00.000Z' });
    try {
      storage.data.set('guide', 'first garbage');
      expectStorageError(thrownBy(() => adapter.load()), 'storage-corrupt');
      storage.data.set('guide', 'second garbage');
      expectStorageError(thrownBy(() => adapter.load()), 'storage-corrupt');
    } finally {
      Object.defineProperty(Date.prototype, 'toISOString', toISOString);
    }
    const backups = [...storage.data].filter(([key]) => isBackupKey(key)).map(([, value]) => value);
    expect(backups).to.have.members(['first garbage', 'second garbage']);
  });

  describe('storage failures', () => {
    it("reports a full storage as 'storage-quota', with the browser's error as cause", () => {
      const storage = new FakeStorage();
      const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      storage.failSetItem = () => quota;
      const adapter = new LocalStorageAdapter('guide', storage.asStorage);
      const error = expectStorageError(thrownBy(() => adapter.save(sampleDocument())), 'storage-quota');
      expect(error.cause).to.equal(quota);
      expect(storage.data.size).to.equal(0);
    });

    it("reports storage that cannot be reached as 'storage-unavailable'", () => {
      const denied = () => {
        throw new DOMException('Access is denied for this document.', 'SecurityError');
      };
      const adapter = new LocalStorageAdapter('guide', denied);
      const loadError = expectStorageError(thrownBy(() => adapter.load()), 'storage-unavailable');
      expect((loadError.cause as DOMException).name).to.equal('SecurityError');
      expectStorageError(thrownBy(() => adapter.save(sampleDocument())), 'storage-unavailable');
    });

    it("reports getItem and setItem failing otherwise as 'storage-unavailable'", () => {
      const storage = new FakeStorage();
      storage.failGetItem = new DOMException('denied', 'SecurityError');
      expectStorageError(thrownBy(() => new LocalStorageAdapter('guide', storage.asStorage).load()), 'storage-unavailable');
      storage.failGetItem = undefined;
      storage.failSetItem = () => new TypeError('broken');
      expectStorageError(thrownBy(() => new LocalStorageAdapter('guide', storage.asStorage).save(sampleDocument())), 'storage-unavailable');
    });
  });

  describe('subscribe', () => {
    const dispatch = (key: string | null, newValue: string | null) =>
      window.dispatchEvent(new StorageEvent('storage', { key, newValue }));

    it('hands over each valid document another tab stores under its key', () => {
      const key = freshKey();
      const adapter = new LocalStorageAdapter(key);
      const heard: GuideDocument[] = [];
      const unsubscribe = adapter.subscribe((received) => heard.push(received));
      try {
        dispatch(key, JSON.stringify({ ...sampleDocument(), future: 1 }));
        dispatch(key, JSON.stringify(createDocument()));
      } finally {
        unsubscribe();
      }
      expect(heard).to.deep.equal([sampleDocument(), createDocument()]);
      expect(Object.isFrozen(heard[0])).to.be.true;
    });

    it('ignores other keys, removals, clears, invalid JSON and documents it cannot read', () => {
      const key = freshKey();
      const adapter = new LocalStorageAdapter(key);
      const heard: GuideDocument[] = [];
      const unsubscribe = adapter.subscribe((received) => heard.push(received));
      try {
        const valid = JSON.stringify(sampleDocument());
        dispatch(`${key}-other`, valid);
        dispatch(`${key}:backup:2024-01-01T00:00:00.000Z`, valid);
        dispatch(null, null);
        dispatch(key, null);
        dispatch(key, '{"format":');
        dispatch(key, JSON.stringify({ ...createDocument(), version: DOCUMENT_VERSION + 1 }));
        dispatch(key, JSON.stringify({ format: 'noe-annet', version: 1, notes: [] }));
        expect(heard).to.have.length(0);
        dispatch(key, valid);
        expect(heard).to.have.length(1);
      } finally {
        unsubscribe();
      }
    });

    it('stops when unsubscribed', () => {
      const key = freshKey();
      const adapter = new LocalStorageAdapter(key);
      let heard = 0;
      adapter.subscribe(() => (heard += 1))();
      dispatch(key, JSON.stringify(sampleDocument()));
      expect(heard).to.equal(0);
    });
  });
});
