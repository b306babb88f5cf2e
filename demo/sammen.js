// «Åpne et vindu til»: a second window on the same room, to watch the notes travel.
document.getElementById('nytt-vindu').addEventListener('click', () => {
  window.open(location.href, '_blank', 'popup,width=900,height=800');
});
