// 问候卡片: shows a title and a count, and tells the host when it is tapped.
Component({
  mixins: [],
  data: { pressed: false },
  props: {
    title: '你好',
    count: 0,
    closable: false,
    tags: ['new', 'hot'],
    onClose: () => {},
    onTap() {},
  },
  didMount() {},
  methods: {
    handleTap() {
      this.setData({ pressed: true });
      this.props.onTap(this.props.title);
    },
  },
});
