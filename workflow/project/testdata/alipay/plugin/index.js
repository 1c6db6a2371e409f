import { formatAmount } from './utils';

function getUser(callback) {
  my.getAuthCode({ scopes: 'auth_user', success: (res) => callback(null, res.authCode) });
}

export default {
  getUser,
  pay(options) {
    return my.tradePay(options);
  },
  formatAmount,
  sdkVersion: '1.2.0',
};
