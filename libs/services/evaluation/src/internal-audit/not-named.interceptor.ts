import { CallHandler, ExecutionContext, HttpException, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, catchError, throwError } from 'rxjs';
import { problemType } from '@houqin/service-kit';
import { NotNamedError } from './domain/not-named';

/**
 * At the HTTP edge, a caller who may read the task but is not named to the work (not an assignee,
 * not the responsible person) is answered 403, naming the role the work is named to.
 */
@Injectable()
export class NotNamedAsForbidden implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (!(error instanceof NotNamedError)) return throwError(() => error);
        const problem = {
          type: problemType(`not-named-${error.role === 'assignee' ? 'assignee' : 'responsible'}`),
          title: 'Forbidden',
          status: 403,
          detail: error.message,
          errors: [{ field: error.field, rule: 'named', message: error.message }],
        };
        return throwError(() => new HttpException(problem, 403));
      }),
    );
  }
}
