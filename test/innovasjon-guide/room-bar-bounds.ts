// How far below the guide's top the step and its first question card may start with the room bar (issue 22).
/**
 * Measured on a 1280×1000 window, step 1 (Chromium). A participant's guide in a room: before the bar, the step's
 * sheet began 384 px below the guide's top (room box, toolbar, name, «Tidtaker») and its first question card at
 * 622 px; with the bar, 184 px and 422 px. The facilitator's (test/collab-live/room-bar.test.ts: three more buttons
 * in the bar, a participant here, the share panel closed): before, 467 px and 705 px; with the bar, 202 px and
 * 440 px (Firefox: 219 px and 458 px, its bar wraps once more). Between the sheet's top and the card stand the
 * step's own title and introduction (about 240 px), not controls. The bounds leave 10–30 px for other fonts,
 * engines and a bar that wraps once more.
 */
export const SHEET_WITHIN = 230;
export const FIRST_CARD_WITHIN = 470;
