import { z } from 'zod';

/**
 * Input fields the built-in tools share. Validation stays in refinements so the JSON Schema a model
 * reads is short (`format` instead of zod's long regular expressions).
 */

const EMAIL = /^[^\s@<>(),;:"\\[\]]+@[^\s@<>(),;:"\\[\]]+\.[^\s@<>(),;:"\\[\]]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/i;

export const isDate = (value: string): boolean => DATE.test(value) && !Number.isNaN(Date.parse(value));
export const isDateTime = (value: string): boolean => DATE_TIME.test(value) && !Number.isNaN(Date.parse(/(Z|[+-]\d{2}:\d{2})$/i.test(value) ? value : `${value}Z`));
export const hasOffset = (value: string): boolean => /(Z|[+-]\d{2}:\d{2})$/i.test(value);

export const emailAddress = () => z.string().trim().refine((v) => EMAIL.test(v), 'Invalid email address').meta({ format: 'email' });

export const emailList = (description: string, max = 50) => z.array(emailAddress()).min(1).max(max).describe(description);

/** RFC 3339 with a time zone offset, as Google Calendar's timeMin/timeMax require. */
export const dateTimeWithOffset = (description: string) =>
  z.string().trim().refine((v) => isDateTime(v) && hasOffset(v), 'Expected an RFC 3339 date-time with an offset, e.g. 2025-03-14T09:00:00+01:00').meta({ format: 'date-time', description });

/**
 * One URL path segment (a repository name, a calendar id), to put in a path with `path`. `.` and
 * `..` are refused here too, so the model reads the problem as an input error of that field.
 */
export const pathSegment = (description: string, max = 256) =>
  z.string().trim().min(1).max(max).refine((v) => v !== '.' && v !== '..', 'Not a valid name').describe(description);
