import { msg, str } from '@lit/localize';
import type { LiveRoom, RoomNews } from '../collab/live-room.js';
import type { ConnectionState } from '../collab/room-connection.js';
import { announce } from '../internal/announcer.js';

/**
 * What the person hears and reads about a live room: the live layer tells what
 * happened (`LiveRoom.onNews`), this module says it in the page's language.
 * The messages keep their `collab.*` ids, so they travel in the room's chunk.
 */

const displayName = (name: string) => name || msg('en uten navn', { id: 'collab.someone-unnamed' });

/** What the person hears, and reads in the guide, while the page cannot write to the room. */
export const readOnlyMessage = (): string =>
  msg(
    'Rommet er laget med en nyere versjon av guiden, og denne siden kan ikke skrive i rommet. Det du skriver, lagres på denne enheten og legges inn i rommet når det går igjen.',
    { id: 'collab.read-only' },
  );

/** What the person hears, and reads in the guide, about the connection. */
export function connectionMessage({ status, reason }: ConnectionState): string {
  switch (status) {
    case 'connecting':
      return msg('Kobler til rommet …', { id: 'collab.status.connecting' });
    case 'connected':
      return msg('Tilkoblet. Endringene deles med de andre i rommet.', { id: 'collab.status.connected' });
    case 'offline':
      return reason
        ? msg('Frakoblet: serveren kan ikke ta imot endringer akkurat nå. Endringene dine lagres på denne enheten, og siden prøver igjen av seg selv.', { id: 'collab.status.waiting' })
        : msg('Frakoblet. Endringene dine lagres på denne enheten og sendes når forbindelsen er tilbake.', { id: 'collab.status.offline' });
    case 'unauthorized':
      return msg('Ikke tilgang til rommet. Lenken kan være utløpt: last inn siden på nytt eller be om en ny lenke. Lappene dine er her fortsatt.', { id: 'collab.status.unauthorized' });
    case 'refused':
      return reason === 'room-deleted'
        ? msg('Rommet er slettet, og kopien på denne enheten er fjernet.', { id: 'collab.status.deleted' })
        : msg(str`Serveren tok ikke imot endringene (${reason ?? ''}). Lappene er her fortsatt; eksporter dem for å ta vare på dem.`, { id: 'collab.status.refused' });
  }
}

/**
 * The connection in a word, for the room bar on a narrow screen, while all is well (connected or connecting);
 * anything else is said in full, since the person needs to know what it means for their notes.
 */
export function shortConnectionMessage(state: ConnectionState): string | undefined {
  if (state.status === 'connected') return msg('Tilkoblet', { id: 'collab.status-short.connected' });
  if (state.status === 'connecting') return msg('Kobler til …', { id: 'collab.status-short.connecting' });
  return undefined;
}

/** The words for one piece of news from the room; empty for news that is sent as an event only. */
export function newsMessage(news: RoomNews): string {
  switch (news.kind) {
    case 'connection':
      return news.quiet ? '' : connectionMessage(news.state);
    case 'problem':
    case 'participants':
      return '';
    case 'read-only':
      return readOnlyMessage();
    case 'writable-again':
      return msg('Rommet tar imot endringer igjen. Det du skrev mens det var stengt, er lagt inn.', { id: 'collab.writable-again' });
    case 'brought-in':
      return msg('Lappene fra denne enheten er tatt med inn i rommet.', { id: 'collab.brought-in' });
    case 'removed':
      return msg('Rommet er fjernet fra denne enheten. Det som er lagret på serveren, er ikke rørt.', { id: 'collab.removed-announcement' });
    case 'presence': {
      const parts: string[] = [];
      const joined = news.joined.map(displayName);
      const left = news.left.map(displayName);
      if (joined.length) parts.push(msg(str`Kom inn: ${joined.join(', ')}.`, { id: 'collab.joined' }));
      if (left.length) parts.push(msg(str`Gikk ut: ${left.join(', ')}.`, { id: 'collab.left' }));
      return parts.join(' ');
    }
  }
}

/** Says on the page what `room` tells, through the page's one live region; returns the function that stops. */
export const speakRoom = (room: LiveRoom): (() => void) =>
  room.onNews((news) => {
    const message = newsMessage(news);
    if (message) announce(message);
  });
