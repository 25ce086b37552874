package org.jgrad.cuda;

import jcuda.driver.CUdeviceptr;

/**
 * A device allocation that knows its address, so that kernel arguments can be written as plain numbers into a
 * {@link ParamBlock} (JCuda keeps a pointer's address to itself; a subclass may read its own).
 */
final class DevicePointer extends CUdeviceptr {
    /** The device address, as the driver gave it. */
    long address() {
        return getNativePointer();
    }
}
