Component({
  props: {
    text: 'hi'
    size: 1,
  },
});
