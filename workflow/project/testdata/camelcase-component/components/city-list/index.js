Component({
  properties: {
    cities: Array,
    hot: { type: Array, value: ['北京', '上海'] },
    // made when the component runs: not data
    formatter: { type: Object, value: { format: (c) => c } },
  },
});
