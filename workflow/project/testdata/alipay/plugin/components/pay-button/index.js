const defaultProps = {
  amount: 0.01,
  currency: 'CNY',
  options: { sandbox: true, retries: 2 },
  onSuccess(result) {},
  onFail: function (err) {},
};

Component({
  props: defaultProps,
  methods: {
    pay() {
      my.tradePay({
        tradeNO: this.props.options.tradeNO,
        success: (res) => this.props.onSuccess(res),
        fail: (err) => this.props.onFail(err),
      });
    },
  },
});
