// Types of bench/room-order.mjs (the page's src/collab/room-order.ts, copied for Node).
export declare function roomOrder(urls: readonly string[], room: string): string[];
export declare function roomAddress(url: string, room: string): string;
