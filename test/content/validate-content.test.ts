import { expect } from '@open-wc/testing';
import { turguide } from '../../src/content/turguide.js';
import { acceptContent, validateContent } from '../../src/content/validate-content.js';
import { DocumentError } from '../../src/store/errors.js';

// KS's own content is not checked on the page (acceptContent lets it through as it is): it is checked here.
describe('validateContent', () => {
  it('accepts KS\'s own content, with every step, card and text the same', () => {
    const checked = validateContent(turguide);
    expect(checked.steps.map((step) => step.number)).to.deep.equal(turguide.steps.map((step) => step.number));
    checked.steps.forEach((step, index) => {
      const own = turguide.steps[index];
      expect(step.title()).to.equal(own.title());
      expect(step.intro()).to.equal(own.intro());
      expect(step.cards.map((card) => card.id)).to.deep.equal(own.cards.map((card) => card.id));
      step.cards.forEach((card, at) => {
        expect(card.question()).to.equal(own.cards[at].question());
        expect(card.explanation?.()).to.equal(own.cards[at].explanation?.());
        expect(card.prompts.map((prompt) => prompt())).to.deep.equal(own.cards[at].prompts.map((prompt) => prompt()));
      });
    });
    expect(checked.introduction.title()).to.equal(turguide.introduction.title());
    expect(checked.introduction.paragraphs.map((each) => each())).to.deep.equal(turguide.introduction.paragraphs.map((each) => each()));
    expect(checked.introduction.instructions.map((each) => each())).to.deep.equal(turguide.introduction.instructions.map((each) => each()));
  });

  it('gives KS\'s own content back unchecked, and checks a host\'s (a copy of KS\'s included) once', () => {
    expect(acceptContent(turguide)).to.equal(turguide);
    const copy = { ...turguide };
    const accepted = acceptContent(copy);
    expect(accepted).not.to.equal(copy);
    expect(acceptContent(accepted)).to.equal(accepted);
    expect(() => acceptContent({ ...turguide, steps: [] })).to.throw(DocumentError);
  });

  it('reads a host\'s content with the store\'s checks: a field read once, a bad one named by its path', () => {
    const hostile = { get introduction(): never { throw new Error('no'); }, steps: turguide.steps };
    expect(() => validateContent(hostile)).to.throw(DocumentError, 'could not be read').with.property('path', 'content');
    const card = { id: 'eget', question: 42, prompts: [] };
    const steps = [{ number: 1, title: 'Et trinn', intro: 'Om det', cards: [card] }];
    expect(() => validateContent({ ...turguide, steps })).to.throw(DocumentError, 'must be a string, got 42').with.property('path', 'steps[0].cards[0].question');
  });
});
