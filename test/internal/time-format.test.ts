import { expect } from '@open-wc/testing';
import { formatTimeLeft } from '../../src/internal/time-format.js';

// The one time formatter behind both clocks: the session's countdowns and <innovasjon-tidtaker>.
describe('formatTimeLeft', () => {
  it('shows m:ss, and h:mm:ss from an hour, rounding whole seconds up and never below zero', () => {
    expect(formatTimeLeft(300_000)).to.equal('5:00');
    expect(formatTimeLeft(59_001)).to.equal('1:00');
    expect(formatTimeLeft(3_600_000 + 65_000)).to.equal('1:01:05');
    expect(formatTimeLeft(-5)).to.equal('0:00');
  });

  it('with fixedMinutes shows mm:ss, minutes past 59 included (the timer)', () => {
    expect(formatTimeLeft(300_000, { fixedMinutes: true })).to.equal('05:00');
    expect(formatTimeLeft(999, { fixedMinutes: true })).to.equal('00:01');
    expect(formatTimeLeft(180 * 60_000, { fixedMinutes: true })).to.equal('180:00');
  });
});
