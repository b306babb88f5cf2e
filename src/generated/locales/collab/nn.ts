// Do not modify this file by hand! Re-generate it with npm run localize:build.
// The nn translations of the "collab" feature: they load with its chunk.
/* eslint-disable no-irregular-whitespace */
import { str } from '@lit/localize';
void str;

export const templates = {
'collab.anonymous-explain': `Du skriv utan namn: namnet ditt følgjer ikkje med lappen, og dei andre i rommet kan ikkje sjå at han er din. Den som driftar tenaren, kan i prinsippet sjå kva for tilkopling lappen kom frå, og endrar du han seinare, kan endringa knytast til deg.`,
'collab.bring-in': `Ta dei med inn`,
'collab.brought-in': `Lappane frå denne eininga er tekne med inn i rommet.`,
'collab.cancel': `Avbryt`,
'collab.follow-join': `Følg prosessleiaren`,
'collab.follow-leave': `Gå på eiga hand`,
'collab.follow-moved': str`Prosessleiaren er på trinn ${0}. Du følgjer med.`,
'collab.follow-off': `Du går på eiga hand.`,
'collab.follow-on': str`Du følgjer prosessleiaren (trinn ${0}).`,
'collab.here': `Her no`,
'collab.here-count': str`Her no (${0}):`,
'collab.here-list': str`Her no, ${0} personar`,
'collab.hidden-count-of': str`${0}: ${1}`,
'collab.joined': str`Kom inn: ${0}.`,
'collab.keep-apart': `La dei bli på eininga`,
'collab.left': str`Gjekk ut: ${0}.`,
'collab.offer-many': str`Denne eininga har ${0} lappar frå før guiden vart delt. Vil du ta dei med inn i rommet, så alle ser dei?`,
'collab.offer-one': `Denne eininga har éin lapp frå før guiden vart delt. Vil du ta han med inn i rommet, så alle ser han?`,
'collab.remove': `Fjern`,
'collab.remove-device': `Fjern frå denne eininga`,
'collab.remove-question': `Kopien av rommet på denne eininga blir sletta (bra på ein delt PC). Det som er lagra på serveren, og lappane til dei andre, er ikkje rørt.`,
'collab.removed': `Fjerna frå denne eininga. Last inn sida på nytt for å kople til igjen.`,
'collab.removed-announcement': `Rommet er fjerna frå denne eininga. Det som er lagra på serveren, er ikkje rørt.`,
'collab.someone-unnamed': `ein utan namn`,
'collab.status.connected': `Tilkopla. Endringane blir delte med dei andre i rommet.`,
'collab.status.connecting': `Koplar til rommet …`,
'collab.status.deleted': `Rommet er sletta, og kopien på denne eininga er fjerna.`,
'collab.status.offline': `Fråkopla. Endringane dine blir lagra på denne eininga og sende når sambandet er tilbake.`,
'collab.status.refused': str`Serveren tok ikkje imot endringane (${0}). Lappane er her framleis; eksporter dei for å ta vare på dei.`,
'collab.status.unauthorized': `Ikkje tilgang til rommet. Lenkja kan vere utgått: last inn sida på nytt eller be om ei ny lenkje. Lappane dine er her framleis.`,
'collab.status.waiting': `Fråkopla: serveren kan ikkje ta imot endringar akkurat no. Endringane dine blir lagra på denne eininga, og sida prøver igjen av seg sjølv.`,
'collab.take-lead': `Eg leier økta`,
'collab.take-lead-hint': `Berre for å prøve ut: tenaren køyrer utan pålogging, så kven som helst kan ta denne rolla.`,
'collab.unnamed': `Utan namn`,
'collab.you': `(deg)`,
};
