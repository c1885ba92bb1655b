/** A card's title as a real heading (h2), so a screen reader can jump between a page's cards, styled like antd's card title. */
export function CardTitle({ children, level = 2 }: { children: React.ReactNode; level?: 2 | 3 }) {
  const H = level === 2 ? 'h2' : 'h3';
  return <H style={{ fontSize: 16, fontWeight: 600, margin: 0, lineHeight: 1.5 }}>{children}</H>;
}
