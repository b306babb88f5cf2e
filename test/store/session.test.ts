import { expect } from '@open-wc/testing';
import { controlsFor, nextSession, NO_SESSION, readSession } from '../../src/store/session.js';

describe('session (phases per step)', () => {
  it('reads what a room holds, and anything else as no session', () => {
    expect(readSession({ step: 2, phase: 'vote', notesWhileVoting: true })).to.deep.equal({ step: 2, phase: 'vote', notesWhileVoting: true });
    expect(readSession({ step: 2, phase: 'write', notesWhileVoting: 'yes' })).to.deep.equal({ step: 2, phase: 'write', notesWhileVoting: false });
    for (const bad of [null, 'write', [], { step: 0, phase: 'write' }, { step: 5, phase: 'vote' }, { step: 2.5, phase: 'vote' }, { step: 2, phase: 'dance' }, { phase: 'write' }]) {
      expect(readSession(bad), JSON.stringify(bad)).to.equal(NO_SESSION);
    }
  });

  it('checks what the facilitator asks for', () => {
    expect(nextSession('share', { step: 4 })).to.deep.equal({ step: 4, phase: 'share', notesWhileVoting: false });
    expect(nextSession(null, { step: 0 })).to.equal(NO_SESSION);
    expect(() => nextSession('dance' as never, { step: 1 })).to.throw(TypeError, /phase must be one of write, share, vote, agree/);
    expect(() => nextSession('write', { step: 0 })).to.throw(TypeError, /step must be 1, 2, 3 or 4, got 0/);
  });

  it('follows the phase table for participants and the facilitator, on the phase’s step only', () => {
    const on = (phase: 'write' | 'share' | 'vote' | 'agree', notesWhileVoting = false) => ({ step: 2, phase, notesWhileVoting });
    const everything = { addNotes: true, voteButtons: false, votes: true, actions: true };
    expect(controlsFor(NO_SESSION, 2, false)).to.deep.equal(everything);
    expect(controlsFor(on('vote'), 3, false), 'another step').to.deep.equal(everything);
    expect(controlsFor(on('write'), 2, false)).to.deep.equal({ addNotes: true, voteButtons: false, votes: false, actions: false });
    expect(controlsFor(on('share'), 2, true)).to.deep.equal({ addNotes: true, voteButtons: false, votes: false, actions: true });
    expect(controlsFor(on('vote'), 2, false)).to.deep.equal({ addNotes: false, voteButtons: true, votes: true, actions: false });
    expect(controlsFor(on('vote', true), 2, false).addNotes).to.be.true;
    expect(controlsFor(on('vote'), 2, true).addNotes).to.be.true;
    expect(controlsFor(on('agree'), 2, false)).to.deep.equal({ addNotes: false, voteButtons: false, votes: false, actions: true });
    expect(controlsFor(on('agree'), 2, true).addNotes).to.be.true;
  });
});
