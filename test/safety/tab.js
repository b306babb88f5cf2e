// The storage key comes from the address, so each test gets its own.
const key = new URLSearchParams(location.search).get('key');
const guide = document.querySelector('innovasjon-guide');
guide.storageKey = key;
