// A WeChat plugin component, as published: its public name is camelCase.
Component({
  properties: {
    level: { type: Number, value: 3 },
    value: { type: Array, value: [] },
    ratio: .5,
    placeholder: { type: String, value: '请选择地区' },
  },
  methods: {
    onPick(e) {
      this.triggerEvent('change', { value: e.detail.value });
    },
  },
});
