import { describe, expect, it } from 'vitest';
import { createWindowRegistry } from './window-registry.js';

describe('window registry', () => {
  it('knows the role of the windows it created and nothing else', () => {
    const registry = createWindowRegistry();
    registry.register(3, 'staff');
    expect(registry.roleOf(3)).toBe('staff');
    expect(registry.roleOf(4)).toBeNull();
  });

  it('forgets a window once it is unregistered', () => {
    const registry = createWindowRegistry();
    registry.register(3, 'admin');
    registry.unregister(3);
    expect(registry.roleOf(3)).toBeNull();
    expect(registry.audienceOf('customers.changed')).toEqual([]);
  });

  it('refuses to give a window a second role', () => {
    const registry = createWindowRegistry();
    registry.register(3, 'staff');
    expect(() => registry.register(3, 'admin')).toThrow(/already the staff window/);
  });

  it('sends each event only to the windows whose role receives it', () => {
    const registry = createWindowRegistry();
    registry.register(1, 'customer');
    registry.register(2, 'staff');
    registry.register(3, 'admin');
    registry.register(4, 'capture');
    expect(registry.audienceOf('display.changed')).toEqual([1]);
    expect(registry.audienceOf('orders.changed')).toEqual([2]);
    expect(registry.audienceOf('camera.status').sort()).toEqual([2, 3]);
    expect(registry.audienceOf('camera.preview')).toEqual([3]);
  });

  it('gives each window its own connection id', () => {
    const registry = createWindowRegistry();
    expect(registry.connectionIdOf(1)).not.toBe(registry.connectionIdOf(2));
  });
});
