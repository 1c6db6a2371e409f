export function formatAmount(n) {
  return (n / 100).toFixed(2);
}
