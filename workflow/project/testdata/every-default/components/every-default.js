const size = 3;

Component({
  props: {
    text: 'hello',
    chinese: '\u4f60好',
    escaped: "say \"hi\"\n",
    count: 10,
    hex: 0x1F,
    negative: -0.5,
    enabled: true,
    list: [1, 'two', { three: 3 }],
    style: { color: 'red', 'font-size': 12 },
    nothing: null,
    missing: undefined,
    plain: `plain text`,
    greeting: `hi ${size}`,
    ref: size,
    sum: size + 1,
    onChange: (value) => value,
    onYyy() {},
    formatter(v) {
      return String(v);
    },
  },
});
