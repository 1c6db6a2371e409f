var data = require('./api/data.js');

module.exports = {
  sayHello() {
    console.log('Hello plugin!');
  },
  answer: 42,
};
module.exports.getData = data.getData;
