// GET /metrics in the Prometheus text format (version 0.0.4): counts only, never names or text.

export class Metrics {
  messages = 0;
  /** Rooms in the storage, as last counted (at start and by retention). */
  roomsStored = 0;
  readonly refusals = new Map<string, number>();

  refused(reason: string): void {
    this.refusals.set(reason, (this.refusals.get(reason) ?? 0) + 1);
  }

  /** The exposition, with the gauges read at the moment of the scrape. */
  render(gauges: { connections: number; rooms: number; unsavedRooms: number; saveErrors: number; writtenBytes: number }): string {
    const lines: string[] = [];
    const metric = (name: string, type: 'gauge' | 'counter', help: string, samples: [labels: string, value: number][]) => {
      lines.push(`# HELP innovasjonsguide_${name} ${help}`, `# TYPE innovasjonsguide_${name} ${type}`);
      for (const [labels, value] of samples) lines.push(`innovasjonsguide_${name}${labels} ${value}`);
    };
    metric('connections', 'gauge', 'Open room connections.', [['', gauges.connections]]);
    metric('rooms_open', 'gauge', 'Rooms loaded in memory.', [['', gauges.rooms]]);
    metric('rooms_stored', 'gauge', 'Rooms kept in the storage (session documents not counted), as last counted.', [['', this.roomsStored]]);
    metric('rooms_unsaved', 'gauge', 'Rooms whose last save failed; kept loaded and saved again.', [['', gauges.unsavedRooms]]);
    metric('messages_total', 'counter', 'Messages received from clients.', [['', this.messages]]);
    metric('save_errors_total', 'counter', 'Failed saves of a room (each attempt).', [['', gauges.saveErrors]]);
    metric('storage_written_bytes_total', 'counter', 'Bytes of room state written to storage (updates, compactions, snapshots).', [['', gauges.writtenBytes]]);
    metric(
      'refusals_total',
      'counter',
      'Connections and messages refused, by reason.',
      [...this.refusals].sort(([a], [b]) => a.localeCompare(b)).map(([reason, count]) => [`{reason="${reason}"}`, count]),
    );
    return `${lines.join('\n')}\n`;
  }
}
