module.exports = {
  sayHello() {
    console.log('Hello plugin!');
  },
};
