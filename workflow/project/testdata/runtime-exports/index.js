// Exports built when the plugin runs, as many published plugins do.
const modules = {
  pay: require('./api/pay'),
  user: require('./api/user'),
};

const api = {};
Object.keys(modules).forEach((name) => {
  api[name] = modules[name];
});

Object.assign(api, require('./api/extra'), { version: '1.0.0' });

api.init = function init() {};

module.exports = api;
