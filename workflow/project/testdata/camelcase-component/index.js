module.exports = {
  getRegions() {
    return [];
  },
};
