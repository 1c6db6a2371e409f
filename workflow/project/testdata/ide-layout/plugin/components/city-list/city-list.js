Component({
  properties: {
    title: { type: String, value: '城市' },
  },
});
