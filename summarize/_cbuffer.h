/* Shared by the compiled kernels: typed access to numpy arrays (or any buffer). */
#ifndef SUMMARIZE_CBUFFER_H
#define SUMMARIZE_CBUFFER_H

#include <Python.h>
#include <string.h>

/* A C-contiguous buffer of `count` items (any number when count < 0) of one
 * format ('d', 'q' or '?'); ValueError naming the argument otherwise. */
static int get_array(PyObject *obj, Py_buffer *view, const char *format, Py_ssize_t itemsize, Py_ssize_t count,
                     const char *name)
{
    if (PyObject_GetBuffer(obj, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) return -1;
    const char *f = view->format ? view->format : "B";
    if (*f == '<' || *f == '=' || *f == '@') f++;
    int format_ok = strcmp(f, format) == 0 || (format[0] == 'q' && strcmp(f, "l") == 0 && sizeof(long) == 8);
    if (!format_ok || view->itemsize != itemsize || (count >= 0 && view->len != count * itemsize)) {
        if (count >= 0)
            PyErr_Format(PyExc_ValueError, "%s must be a C-contiguous array of %zd items of format %s", name, count,
                         format);
        else
            PyErr_Format(PyExc_ValueError, "%s must be a C-contiguous array of format %s", name, format);
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

#endif
