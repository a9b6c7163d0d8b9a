import { type RefObject, useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/**
 * A uPlot chart drawn into the returned box, as wide as the box and redrawn when `options` or
 * `data` change (keep both stable with useMemo/useCallback, or it redraws on every render).
 */
export function useUplot(
  options: (width: number) => uPlot.Options,
  data: uPlot.AlignedData,
): RefObject<HTMLDivElement | null> {
  const boxRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const built = options(box.clientWidth || 600);
    const plot = new uPlot(built, data, box);
    const resize = new ResizeObserver(() => plot.setSize({ width: box.clientWidth, height: built.height }));
    resize.observe(box);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [options, data]);
  return boxRef;
}
