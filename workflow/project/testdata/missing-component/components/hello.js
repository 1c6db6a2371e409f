Component({ props: { text: 'hi' } });
