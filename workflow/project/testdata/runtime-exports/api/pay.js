module.exports = { pay() {} };
