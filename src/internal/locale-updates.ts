import { LOCALE_STATUS_EVENT } from '@lit/localize';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

const hosts = new Set<ReactiveControllerHost>();
let listening = false;

const onStatus = (event: WindowEventMap[typeof LOCALE_STATUS_EVENT]) => {
  if (event.detail.status === 'ready') for (const host of hosts) host.requestUpdate();
};

/**
 * What `@localized()` does, with one window listener for all hosts instead of
 * one each: for elements a board holds by the thousand (notes), where a
 * listener added and removed per note is measurable on a step switch.
 */
export class LocaleUpdates implements ReactiveController {
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    hosts.add(this.host);
    if (!listening) window.addEventListener(LOCALE_STATUS_EVENT, onStatus);
    listening = true;
  }

  hostDisconnected(): void {
    hosts.delete(this.host);
  }
}
