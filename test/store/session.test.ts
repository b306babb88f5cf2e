import { expect } from '@open-wc/testing';
import { afterTimeUp, controlsFor, nextSession, NO_SESSION, PHASE_SPECS, PHASES, requestedTimer } from '../../src/store/session.js';
import { readSession } from '../../src/store/session-read.js';

describe('session (phases per step)', () => {
  it('reads what a room holds, and anything else as no session', () => {
    expect(readSession({ step: 2, phase: 'vote', notesWhileVoting: true, hidden: false, timer: null })).to.deep.equal({ step: 2, phase: 'vote', notesWhileVoting: true, hidden: false, timer: null });
    expect(readSession({ step: 2, phase: 'write', notesWhileVoting: 'yes' })).to.deep.equal({ step: 2, phase: 'write', notesWhileVoting: false, hidden: false, timer: null });
    for (const bad of [null, 'write', [], { step: 0, phase: 'write' }, { step: 5, phase: 'vote' }, { step: 2.5, phase: 'vote' }, { step: 2, phase: 'dance' }, { phase: 'write' }]) {
      expect(readSession(bad), JSON.stringify(bad)).to.equal(NO_SESSION);
    }
  });

  it('checks what the facilitator asks for', () => {
    expect(nextSession('share', { step: 4 })).to.deep.equal({ step: 4, phase: 'share', notesWhileVoting: false, hidden: false, timer: null });
    expect(nextSession(null, { step: 0 })).to.equal(NO_SESSION);
    expect(() => nextSession('dance' as never, { step: 1 })).to.throw(TypeError, /phase must be one of write, share, vote, agree/);
    expect(() => nextSession('write', { step: 0 })).to.throw(TypeError, /step must be 1, 2, 3 or 4, got 0/);
  });

  it('follows the phase table for participants and the facilitator, on the phase’s step only', () => {
    const on = (phase: 'write' | 'share' | 'vote' | 'agree', notesWhileVoting = false) => ({ step: 2, phase, notesWhileVoting, hidden: false, timer: null });
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

  it('reads a timebox only within its limits, and ends the phase it was set to end', () => {
    const at = (timer: unknown) => readSession({ step: 1, phase: 'write', timer }).timer;
    expect(at({ startedAt: 5, duration: 60_000, endsPhase: true })).to.deep.equal({ startedAt: 5, duration: 60_000, endsPhase: true });
    for (const bad of [{ startedAt: -1, duration: 60_000 }, { startedAt: 1, duration: 999 }, { startedAt: 1, duration: 4 * 3600_000 + 1 }, { startedAt: '1', duration: 60_000 }, 'soon']) {
      expect(at(bad), JSON.stringify(bad)).to.be.null;
    }
    expect(requestedTimer(90, true)).to.deep.equal({ startedAt: 0, duration: 90_000, endsPhase: true });
    expect(() => requestedTimer(Number.NaN)).to.throw(TypeError);
    const timed = (phase: 'write' | 'share' | 'vote' | 'agree', endsPhase: boolean) => ({
      step: 3,
      phase,
      notesWhileVoting: true,
      hidden: phase === 'write',
      timer: { startedAt: 1, duration: 1000, endsPhase },
    });
    expect(afterTimeUp(timed('write', true)), 'the next phase reveals what was hidden').to.deep.equal({ step: 3, phase: 'share', notesWhileVoting: true, hidden: false, timer: null });
    expect(afterTimeUp(timed('vote', true)).phase).to.equal('agree');
    expect(afterTimeUp(timed('agree', true))).to.equal(NO_SESSION);
    expect(afterTimeUp(timed('write', false))).to.deep.equal({ step: 3, phase: 'write', notesWhileVoting: true, hidden: true, timer: null });
    expect(readSession({ step: 1, phase: 'vote', hidden: true }).hidden, 'hidden only while writing').to.be.false;
    expect(() => nextSession('vote', { step: 1, hidden: true })).to.throw(TypeError, /hidden writing is for the write phase/);
  });

  it('every phase is one entry of PHASE_SPECS, which the session rules read', () => {
    expect(Object.keys(PHASE_SPECS)).to.have.members([...PHASES]);
    for (const phase of PHASES) {
      const spec = PHASE_SPECS[phase];
      for (const facilitator of [false, true]) {
        const session = nextSession(phase, { step: 2, notesWhileVoting: spec.lateNotes });
        expect(controlsFor(session, 2, facilitator), phase).to.deep.equal(spec.controls(facilitator, session));
      }
      expect(readSession({ step: 2, phase, hidden: true }).hidden, phase).to.equal(spec.hiddenWriting === true);
      if (spec.hiddenWriting) expect(nextSession(phase, { step: 2, hidden: true }).hidden).to.be.true;
      else expect(() => nextSession(phase, { step: 2, hidden: true }), phase).to.throw(TypeError);
    }
  });
});
