//! The app icon, drawn in code (no image files to keep in sync): a white page with lines of
//! text on the brand blue, inside the maskable safe zone. Encoded as PNG with flate2.

use std::io::Write;

const BLUE: [u8; 4] = [0x0b, 0x53, 0x94, 0xff];
const WHITE: [u8; 4] = [0xff, 0xff, 0xff, 0xff];
const GREEN: [u8; 4] = [0x1e, 0x6b, 0x2f, 0xff];

fn pixel(x: f32, y: f32) -> [u8; 4] {
    // Coordinates in 0..1. The page fills the middle 50% (inside the 80% maskable safe zone).
    let (l, r, t, b) = (0.28, 0.72, 0.22, 0.78);
    let inside = x >= l && x <= r && y >= t && y <= b;
    let fold = x > r - 0.1 && y < t + 0.1 && (x - (r - 0.1)) > (y - t);
    if !inside || fold {
        return BLUE;
    }
    // Four lines of "text".
    for (i, w) in [0.32, 0.32, 0.32, 0.2].iter().enumerate() {
        let ly = 0.36 + i as f32 * 0.09;
        if y >= ly && y <= ly + 0.035 && x >= l + 0.06 && x <= l + 0.06 + w {
            return BLUE;
        }
    }
    // A green seal in the corner.
    let (cx, cy) = (r - 0.1, b - 0.1);
    if (x - cx).powi(2) + (y - cy).powi(2) <= 0.06f32.powi(2) {
        return GREEN;
    }
    WHITE
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut crc = flate2::Crc::new();
    crc.update(kind);
    crc.update(data);
    out.extend_from_slice(&crc.sum().to_be_bytes());
}

/// A square RGBA PNG of the icon, `size` pixels wide.
pub fn png(size: u32) -> Vec<u8> {
    let mut raw = Vec::with_capacity((size * (size * 4 + 1)) as usize);
    for y in 0..size {
        raw.push(0); // filter: none
        for x in 0..size {
            raw.extend_from_slice(&pixel((x as f32 + 0.5) / size as f32, (y as f32 + 0.5) / size as f32));
        }
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(&raw).expect("in-memory write");
    let idat = z.finish().expect("in-memory write");
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&size.to_be_bytes());
    ihdr.extend_from_slice(&size.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &idat);
    chunk(&mut out, b"IEND", &[]);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn is_a_png_of_the_right_size() {
        let p = super::png(48);
        assert_eq!(&p[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(u32::from_be_bytes(p[16..20].try_into().unwrap()), 48);
        assert!(p.ends_with(&[0xAE, 0x42, 0x60, 0x82]), "IEND with its CRC");
    }
}
