// What a person is told when the server refuses a workshop request: plain words for each reason.
import { msg } from '@lit/localize';
import type { WorkshopRefusal } from '../collab/workshop-client.js';

export function refusalMessage(code: WorkshopRefusal): string {
  switch (code) {
    case 'code-unknown':
      return msg('Koden finnes ikke. Sjekk at du har skrevet den riktig.', { id: 'workshop.refused.code-unknown' });
    case 'code-expired':
    case 'code-replaced':
      return msg('Koden virker ikke lenger. Be prosesslederen om den nye.', { id: 'workshop.refused.code-old' });
    case 'invitation-expired':
    case 'invitation-replaced':
    case 'invitation-used':
    case 'invitation-invalid':
      return msg('Lenken virker ikke lenger. Be prosesslederen om en ny lenke eller koden.', { id: 'workshop.refused.link-old' });
    case 'door-closed':
      return msg('Døren er lukket: prosesslederen tar ikke inn nye deltakere nå.', { id: 'workshop.refused.door-closed' });
    case 'room-ended':
    case 'not-found':
      return msg('Økta er avsluttet.', { id: 'workshop.refused.room-ended' });
    case 'name-invalid':
      return msg('Skriv navnet ditt.', { id: 'workshop.name-missing' });
    case 'codes-off':
      return msg('Denne serveren tar ikke imot koder. Bruk lenken.', { id: 'workshop.refused.codes-off' });
    case 'code-attempts-exceeded':
      return msg('For mange forsøk med feil kode herfra. Koden kan prøves igjen om en time; en lenke fra prosesslederen virker nå.', {
        id: 'workshop.refused.code-attempts',
      });
    case 'slow-down':
      return msg('For mange forsøk. Vent litt og prøv igjen.', { id: 'workshop.refused.slow-down' });
    case 'creation-off':
    case 'creation-token-required':
    case 'creation-token-invalid':
    case 'origin-not-allowed':
      return msg('Serveren lar ikke denne siden starte økter.', { id: 'workshop.refused.creation-off' });
    case 'too-many-created-rooms':
      return msg('Det er startet for mange økter. Prøv igjen senere.', { id: 'workshop.refused.too-many' });
    case 'credential-revoked':
      return msg('Du er tatt ut av økta.', { id: 'workshop.refused.revoked' });
    case 'network':
      return msg('Serveren kan ikke nås akkurat nå. Prøv igjen om litt.', { id: 'workshop.refused.network' });
    case 'unavailable':
      return msg('Serveren kan ikke starte økter eller ta imot koder akkurat nå (lenker virker). Prøv igjen om litt.', {
        id: 'workshop.refused.unavailable',
      });
    default:
      return msg('Det gikk ikke. Prøv igjen, eller be prosesslederen om hjelp.', { id: 'workshop.refused.other' });
  }
}
