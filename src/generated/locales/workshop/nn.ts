// Do not modify this file by hand! Re-generate it with npm run localize:build.
// The nn translations of the "workshop" feature: they load with its chunk.
/* eslint-disable no-irregular-whitespace */
import { str } from '@lit/localize';
void str;

export const templates = {

};
