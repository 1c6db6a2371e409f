Component({
  properties: {
    title: String,
    size: { type: Number, value: 14 },
    items: { type: Array, value: [] },
    config: Object,
    anything: null,
    color: { type: String, value: '#333' },
    disabled: { value: false },
  },
  data: { open: false },
  methods: {
    onTapTitle() {
      this.triggerEvent('change', { open: !this.data.open });
    },
    onTapItem(e) {
      this.triggerEvent('item-tap', { index: e.currentTarget.dataset.index });
    },
  },
});
