/** A product photo that degrades to a lettered tile when the image is missing or fails to load. */
import { useState } from 'react';

export function ProductImage({ src, alt }: { readonly src: string; readonly alt: string }) {
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  if (src === '' || failedSrc === src) {
    return (
      <div className="product-image placeholder" role="img" aria-label={alt}>
        {alt.trim().charAt(0).toUpperCase()}
      </div>
    );
  }
  return (
    <img
      className="product-image"
      src={src}
      alt={alt}
      decoding="async"
      draggable={false}
      onError={() => setFailedSrc(src)}
    />
  );
}
